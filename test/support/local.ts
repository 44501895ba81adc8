/**
 * The local runtime for a test file: its own table in the shared DynamoDB Local, the real
 * gateway and HTTP server on a free port, and a small client that speaks JSON. Every response
 * the client receives is checked against the served `/openapi.json`: a response that breaks the
 * document fails the request, and so the test that sent it.
 */
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '#infra/local/dynamodb.ts';
import { startLocal, type LocalRuntime } from '#infra/local/runtime.ts';
import { contractOf, type Exchange } from '../openapi/contract.ts';

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface User {
  sub: string;
  name?: string;
  groups?: ('staff' | 'moderator' | 'admin')[];
  strong?: boolean;
  /** The strong identity's subject (the person claim); the local provider defaults it to `sub`. */
  person?: string;
  /** An e-mail address the token carries, verified unless `email_verified` says otherwise. */
  email?: string;
  email_verified?: boolean;
}

export interface TestApi {
  runtime: LocalRuntime;
  url: string;
  /** A real signed token for `user`. */
  token(user: User): Promise<string>;
  /** Sends a request; `body` is JSON unless it is a string. */
  request<T = any>(method: string, path: string, options?: { body?: unknown; token?: string; as?: User; headers?: Record<string, string> }): Promise<Response<T>>;
  /** `fetch` on the runtime, for raw requests; the response is checked against the document as `request`'s are. */
  fetch(path: string, init?: RequestInit): Promise<globalThis.Response>;
}

/** A response that breaks the OpenAPI document the runtime serves. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

export const staff: User = { sub: 'staff-1', name: 'Sanna Staff', groups: ['staff'] };
export const moderator: User = { sub: 'moderator-1', name: 'Mika Moderator', groups: ['moderator'] };
export const resident: User = { sub: 'resident-1', name: 'Riikka Resident' };

/**
 * Starts the local runtime for this test file and stops it after. `events: false` leaves out
 * the stream pipeline, for files that bulk-load thousands of items and test no event.
 */
export function useLocalApi(options: { events?: boolean } = {}): TestApi {
  const api = {} as TestApi;
  beforeAll(async () => {
    await ensureTable(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_NAME!);
    const runtime = await startLocal({ endpoint: process.env.DYNAMODB_ENDPOINT, tableName: process.env.TABLE_NAME, port: 0, seed: false, events: options.events });
    const tokens = new Map<string, string>();
    const check = contractOf(await (await fetch(`${runtime.url}/openapi.json`)).json() as Record<string, unknown>);
    const keep = (exchange: Exchange) => {
      const { violations } = check(exchange);
      if (violations.length > 0) throw new ContractViolation(`The response breaks the OpenAPI document:\n${violations.join('\n')}`);
    };
    const send = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${runtime.url}${path}`, init);
      keep({ method: init.method ?? 'GET', url: path, status: res.status, headers: res.headers, body: await res.clone().text() });
      return res;
    };
    Object.assign(api, {
      runtime,
      url: runtime.url,
      async token(user: User) {
        const key = JSON.stringify(user);
        let token = tokens.get(key);
        if (!token) {
          token = (await runtime.identity.mint({
            sub: user.sub, name: user.name, groups: user.groups ?? [], strong: user.strong ?? false, person: user.person, expiresIn: 3600,
            ...(user.email ? { email: user.email, email_verified: user.email_verified ?? true } : {}),
          })).token;
          tokens.set(key, token);
        }
        return token;
      },
      async request(method: string, path: string, options: { body?: unknown; token?: string; as?: User; headers?: Record<string, string> } = {}) {
        const token = options.token ?? (options.as ? await api.token(options.as) : undefined);
        const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
        let body: string | undefined;
        if (options.body !== undefined) {
          body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
          headers['content-type'] = 'application/json';
        }
        const res = await send(path, { method, headers: { ...headers, ...options.headers }, body });
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        return { status: res.status, headers: res.headers, body: parsed, text };
      },
      fetch: send,
    });
  });
  afterAll(async () => {
    await api.runtime?.stop();
  });
  return api;
}
