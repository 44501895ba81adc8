/**
 * What the local command-line tools share: the running `npm start` at `url`, or, when nothing
 * answers there, the local runtime started for the command on the same data directory
 * (DATA_DIR, default .data) and stopped after it: never two processes on one database.
 */
import type { LocalRuntime } from '#infra/local/runtime.ts';

export interface LocalApi {
  base: string;
  /** A staff token the runtime minted. */
  token: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function staffToken(url: string, sub: string): Promise<string> {
  const res = await fetch(`${url}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, name: sub, groups: ['staff'], expiresIn: 3600 }),
  });
  if (!res.ok) throw new Error(`${url} did not mint a token (${res.status}): is it the local runtime?`);
  return ((await res.json()) as { token: string }).token;
}

export async function localApi(url: string, sub: string): Promise<LocalApi> {
  let runtime: LocalRuntime | undefined;
  let base = url.replace(/\/$/, '');
  if (!(await answers(base))) {
    const dataDir = process.env.DATA_DIR ?? '.data';
    console.log(`Nothing answers at ${base}; starting the local runtime on ${dataDir}/ for this command.`);
    // Loaded only now, so the runtime's quiet logging applies before any logger exists.
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    const { startLocal } = await import('#infra/local/runtime.ts');
    runtime = await startLocal({ dataDir, port: 0 });
    base = runtime.url;
  }
  try {
    return { base, token: await staffToken(base, sub), stop: async () => { await runtime?.stop(); } };
  } catch (error) {
    await runtime?.stop();
    throw error;
  }
}
