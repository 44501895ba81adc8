/**
 * Cold starts: for each bundle, a fresh node process that imports it and serves its first
 * event against DynamoDB Local. Runs go round-robin over the bundles (the baseline
 * included), so a slow moment of the machine hits every bundle alike.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from './bundles.ts';
import { median, round } from './stats.ts';

const runner = join(projectRoot, 'test/bench/cold-start.mjs');
const timeoutMs = 30_000;

export interface ColdTarget {
  name: string;
  bundle: string;
  /** What is invoked, for the report (a route key, or what the event is). */
  invokes: string;
  /** A fresh event for each run (a write must be valid every time). */
  event(): Promise<unknown>;
  /** Why the first invocation's result is wrong, or undefined when it is right. */
  check(result: Record<string, unknown>): string | undefined;
}

interface Sample {
  /** Spawn to result, as the parent saw it: node start + import + first invocation. */
  totalMs: number;
  importMs: number;
  invokeMs: number;
  calls: number | undefined;
}

export interface ColdResult {
  runs: number;
  totalMs: number | null;
  importMs: number | null;
  invokeMs: number | null;
  /** DynamoDB calls of the first invocation. */
  calls: number | null;
  samplesMs: (number | null)[];
}

function coldRun(bundle: string, event: unknown, env: NodeJS.ProcessEnv): Promise<Sample & { result: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [runner, bundle, JSON.stringify(event)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let settled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /BENCH-RESULT (.*)\n/.exec(out);
      if (!line || settled) return;
      settled = true;
      const totalMs = performance.now() - start;
      const report = JSON.parse(line[1]!) as { importMs: number; invokeMs: number; result: Record<string, unknown> };
      const headers = (report.result?.headers ?? {}) as Record<string, string>;
      const calls = headers['X-DynamoDB-Calls'];
      resolve({ totalMs, importMs: report.importMs, invokeMs: report.invokeMs, calls: calls === undefined ? undefined : Number(calls), result: report.result });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`cold run exited (${signal ?? code}) without a result: ${(err || out).slice(-600)}`));
    });
  });
}

/** `runs` cold starts of every target; a target that fails once is reported with its error. */
export async function measureCold(targets: ColdTarget[], runs: number, env: NodeJS.ProcessEnv) {
  const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
  const errors = new Map<string, string>();
  // One untimed run first, so the first timed one does not pay for loading node from disk.
  if (targets[0]) await coldRun(targets[0].bundle, await targets[0].event(), env).catch(() => undefined);
  for (let run = 0; run < runs; run++) {
    for (const target of targets) {
      if (errors.has(target.name)) continue;
      try {
        const sample = await coldRun(target.bundle, await target.event(), env);
        const wrong = target.check(sample.result);
        if (wrong) throw new Error(`first invocation: ${wrong}`);
        samples.get(target.name)!.push(sample);
      } catch (error) {
        errors.set(target.name, (error as Error).message);
      }
    }
  }
  const results = new Map<string, ColdResult | { error: string }>();
  for (const target of targets) {
    const error = errors.get(target.name);
    if (error) {
      results.set(target.name, { error });
      continue;
    }
    const list = samples.get(target.name)!;
    const calls = list[0]?.calls;
    results.set(target.name, {
      runs: list.length,
      totalMs: round(median(list.map((s) => s.totalMs)), 1),
      importMs: round(median(list.map((s) => s.importMs)), 1),
      invokeMs: round(median(list.map((s) => s.invokeMs)), 1),
      calls: calls ?? null,
      samplesMs: list.map((s) => round(s.totalMs, 1)),
    });
  }
  return results;
}

/** Checks of the first invocation's result. */
export const statusIs = (expected: number) => (result: Record<string, unknown>) =>
  result.statusCode === expected ? undefined : `status ${String(result.statusCode)}, expected ${expected}: ${String(result.body ?? '').slice(0, 300)}`;
