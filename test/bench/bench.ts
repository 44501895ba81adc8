/**
 * The bench's client of the running system: real HTTP to the local server over one
 * keep-alive connection (so a timed request pays no TCP handshake), real signed tokens.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import type { Bench, BenchRequest, BenchResponse, User } from './scenario.ts';

/** No single request may hang the bench. */
const requestTimeoutMs = 15_000;

export function createBench(runtime: LocalRuntime): Bench & { close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(runtime.url);
  const tokens = new Map<string, Promise<string>>();
  const sharedData = new Map<string, Promise<unknown>>();

  const token = (user: User): Promise<string> => {
    const key = JSON.stringify(user);
    let minted = tokens.get(key);
    if (!minted) {
      minted = runtime.identity
        .mint({ sub: user.sub, name: user.name, groups: user.groups ?? [], strong: user.strong ?? false, expiresIn: 3600 })
        .then((m) => m.token);
      tokens.set(key, minted);
    }
    return minted;
  };

  async function send(req: BenchRequest): Promise<BenchResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.as) headers.authorization = `Bearer ${await token(req.as)}`;
    let body: Buffer | undefined;
    if (req.body !== undefined) {
      body = Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(body.length);
    }
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent, timeout: requestTimeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const flat: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${req.method} ${req.path}: no answer within ${requestTimeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  async function call<T>(req: BenchRequest, expect?: number): Promise<T> {
    const res = await send(req);
    const fine = expect === undefined ? res.status >= 200 && res.status < 300 : res.status === expect;
    if (!fine) throw new Error(`preparing: ${req.method} ${req.path} answered ${res.status}: ${res.body.slice(0, 300)}`);
    return (res.body ? JSON.parse(res.body) : {}) as T;
  }

  function shared<T>(name: string, make: () => Promise<T>): Promise<T> {
    let made = sharedData.get(name) as Promise<T> | undefined;
    if (!made) {
      made = make();
      // A failed fixture fails every scenario that needs it, and is not retried.
      sharedData.set(name, made);
    }
    return made;
  }

  return { send, call, shared, token, runId: randomBytes(4).toString('hex'), close: () => agent.destroy() };
}
