/**
 * Faults in the middle of concurrent writes, against the real processes: a DynamoDB Local of
 * this file's own (persisting to disk) and `npm start`'s entry point as a child process.
 * DynamoDB frozen (SIGSTOP) and killed, the server killed; then every request retried with
 * its Idempotency-Key. Nothing may be lost, duplicated or stuck: every comment stored once,
 * counted once, counted once in the follower's comment activity, every commenter following, every deadline closing.
 * Bounded: a few dozen requests per fault, short SDK timeouts and lease.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDynamo, type LocalDynamo } from '#infra/local/dynamodb.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kv-faults-'));
let db: LocalDynamo;
let dbPort: number;
let server: ChildProcess | undefined;
let url = '';

const env = (port: number) => ({
  ...process.env,
  PORT: String(port),
  DATA_DIR: join(dir, 'server'),
  DYNAMODB_ENDPOINT: `http://127.0.0.1:${dbPort}`,
  TABLE_NAME: 'faults',
  DYNAMODB_TIMEOUT_MS: '1000',
  IDEMPOTENCY_LEASE_SECONDS: '3',
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  APP_SECRET: '',
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts the local server as `npm start` would. `timeoutMs` is its DynamoDB call timeout: short
 * (1 s) where an outage is under test, so answers come fast; the product's default (2 s) where
 * a crash is, since on a loaded test machine 1 s also cuts off calls that were merely slow.
 */
async function startServer(timeoutMs = '1000'): Promise<void> {
  const port = await freePort();
  const { APP_SECRET: _secret, ...childEnv } = { ...env(port), DYNAMODB_TIMEOUT_MS: timeoutMs };
  server = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts', '--no-seed'], { cwd: root, env: childEnv, stdio: 'ignore' });
  url = `http://127.0.0.1:${port}`;
  await until('the server', async () => ((await fetch(`${url}/v1/health`)).ok ? true : undefined), 60_000);
}

const killServer = async () => {
  const child = server!;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
};

interface Answer { status: number; ms: number; body: any; retryAfter: string | null }

async function call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = Date.now();
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, ms: Date.now() - started, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers.get('retry-after') };
  } catch {
    return { status: 0, ms: Date.now() - started, body: undefined, retryAfter: null }; // no answer: the server died
  }
}

const token = async (sub: string, groups: string[] = []) => (await call('POST', '/local/token', undefined, { sub, name: sub, groups })).body.token as string;

/** One comment write with its key, as a client that keeps retrying would send it. */
interface Write { key: string; token: string; sub: string; body: string; first?: Answer }

const tally: Record<string, number> = {};
const count = (a: Answer) => (tally[String(a.status)] = (tally[String(a.status)] ?? 0) + 1);

/** Retries a write with the same key until it is stored (201), within a deadline. */
async function settle(draftId: string, w: Write): Promise<Answer> {
  return until(`comment ${w.key}`, async () => {
    const a = await call('POST', `/v1/drafts/${draftId}/comments`, w.token, { body: w.body }, { 'idempotency-key': w.key });
    count(a);
    return a.status === 201 ? a : undefined;
  }, 45_000);
}

let staffToken = '';
let follower = '';
let draftId = '';
const all: Write[] = [];

const burst = (label: string, n: number) =>
  Promise.all(Array.from({ length: n }, async (_, i) => {
    const sub = `${label}-${i % 6}`;
    const w: Write = { key: `${label}-key-${i}`, token: await token(sub), sub, body: `${label} kommentti ${i}` };
    all.push(w);
    return w;
  }));

const send = (writes: Write[]) =>
  Promise.all(writes.map(async (w) => {
    w.first = await call('POST', `/v1/drafts/${draftId}/comments`, w.token, { body: w.body }, { 'idempotency-key': w.key });
    count(w.first);
  }));

beforeAll(async () => {
  dbPort = await freePort();
  db = await startDynamo({ dataDir: join(dir, 'dynamodb'), port: dbPort });
  await startServer();
  staffToken = await token('fault-staff', ['staff']);
  follower = await token('fault-follower');
  const created = await call('POST', '/v1/drafts', staffToken, {
    title: { fi: 'Vikasietoisuus' }, sections: [{ title: { fi: 'Osa' }, body: { fi: 'Teksti' } }],
  });
  draftId = created.body.id;
  const closesAt = new Date(Date.now() + 3_600_000).toISOString();
  expect((await call('POST', `/v1/drafts/${draftId}/publish`, staffToken, { closesAt })).status).toBe(200);
  expect((await call('PUT', `/v1/drafts/${draftId}/subscription`, follower)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  db?.process.kill('SIGCONT');
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
  console.info(`fault tests: ${all.length} writes; answers by status ${JSON.stringify(tally)}`);
});

describe('faults mid-burst', () => {
  it('DynamoDB frozen: clean 503s with Retry-After within 10 s, then every retry stores exactly once', async () => {
    const writes = await burst('frozen', 24);
    const first = send(writes.slice(0, 12));
    await new Promise((r) => setTimeout(r, 40));
    db.process.kill('SIGSTOP');
    await send(writes.slice(12));
    await first;
    db.process.kill('SIGCONT');
    const answers = writes.map((w) => w.first!);
    expect(answers.every((a) => [201, 503].includes(a.status)), JSON.stringify(answers.map((a) => a.status))).toBe(true);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(12);
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a.retryAfter).toMatch(/^\d+$/);
      expect(a.body.type).toMatch(/\/service-unavailable$/);
    }
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(10_000);
    await Promise.all(writes.map((w) => settle(draftId, w)));
  }, 120_000);

  it('DynamoDB killed and restarted: 503s at once, then every retry stores exactly once', async () => {
    const writes = await burst('killed', 18);
    const first = send(writes.slice(0, 9));
    await new Promise((r) => setTimeout(r, 40));
    const exited = new Promise((r) => db.process.once('exit', r));
    db.process.kill('SIGKILL');
    await exited;
    await send(writes.slice(9));
    await first;
    const answers = writes.map((w) => w.first!);
    expect(answers.every((a) => [201, 503].includes(a.status))).toBe(true);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(10_000);
    db = await startDynamo({ dataDir: join(dir, 'dynamodb'), port: dbPort });
    await Promise.all(writes.map((w) => settle(draftId, w)));
  }, 120_000);

  it('server killed mid-burst and restarted: keys free after the lease, nothing lost or doubled, every event handled', async () => {
    // A draft whose deadline passes while the server is down, followed before the crash
    const soon = await call('POST', '/v1/drafts', staffToken, { title: { fi: 'Pian sulkeutuva' }, sections: [{ title: { fi: 'Osa' }, body: { fi: 'Teksti' } }] });
    const published = await call('POST', `/v1/drafts/${soon.body.id}/publish`, staffToken, { closesAt: new Date(Date.now() + 4_000).toISOString() });
    expect(published.status).toBe(200);
    expect((await call('PUT', `/v1/drafts/${soon.body.id}/subscription`, follower)).status).toBe(200);
    // Writes the server has answered (their events still on the way), then more it never answers
    const writes = await burst('crash', 18);
    await send(writes.slice(0, 12));
    await Promise.all(writes.slice(0, 12).map((w) => settle(draftId, w))); // on a loaded machine the first try may have been a 503
    const late = send(writes.slice(12));
    await new Promise((r) => setTimeout(r, 20));
    await killServer();
    await late;
    expect(writes.some((w) => w.first!.status === 0), 'some requests got no answer').toBe(true);
    await startServer('2000');
    await Promise.all(writes.map((w) => settle(draftId, w)));

    // Every write of every fault: stored once, counted once
    const listed = (await call('GET', `/v1/drafts/${draftId}/comments?limit=100`)).body.items as { id: string; body: string }[];
    const bodies = listed.map((c) => c.body).sort();
    expect(bodies).toEqual(all.map((w) => w.body).sort());
    expect((await call('GET', `/v1/drafts/${draftId}`)).body.commentCount).toBe(all.length);
    // …every commenter follows the draft, the follower heard of every comment, the deadline closed the other draft
    const commenters = [...new Set(all.map((w) => w.token))];
    await until('every commenter following', async () => {
      const states = await Promise.all(commenters.map(async (t) => (await call('GET', `/v1/drafts/${draftId}/subscription`, t)).body?.following));
      return states.every(Boolean) ? true : undefined;
    });
    // The follower's comment activity on the draft (one, coalesced) counts every comment exactly once
    let missing = '';
    const activity = await until('every comment counted', async () => {
      const feed = (await call('GET', '/v1/me/notifications?limit=100', follower)).body?.items as
        { event: string; commentId?: string; draftId: string; count?: number }[] | undefined;
      const counted = feed?.filter((n) => n.event === 'CommentActivity' && n.draftId === draftId) ?? [];
      const closed = feed?.some((n) => n.event === 'DraftClosed' && n.draftId === soon.body.id);
      missing = `closed: ${closed}; activities: ${counted.length}; counted ${counted[0]?.count ?? 0} of ${listed.length}`;
      return closed && counted.length === 1 && counted[0]!.count === listed.length ? counted : undefined;
    }, 45_000).catch((error: Error) => {
      throw new Error(`${error.message} (${missing})`);
    });
    expect(activity).toEqual([expect.objectContaining({ count: listed.length, unread: true })]);
    expect(listed.map((c) => c.id)).toContain(activity[0]!.commentId);
  }, 180_000);
});
