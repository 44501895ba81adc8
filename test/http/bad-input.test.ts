/**
 * Property-based bad input, for every route in the route table: hostile bodies, path
 * parameters and query values never cause a 5xx, are answered as problem+json, and store
 * nothing (the whole table is compared before and after each request). A request the
 * route's own schema would accept is not hostile, and is skipped.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { routes } from '#functions/routes.ts';
import type { Route } from '#shared/http/route.ts';
import { useLocalApi } from '../support/local.ts';
import { hostileBodies, hostileQueryValue, hostileSegment, parsedBody, type HostileBody } from '../support/hostile.ts';
import { callerFor, paramNames, paramsFor, pathFor, prepare, samples, type Prepared } from '../support/samples.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();
let prepared: Prepared;
beforeAll(async () => {
  prepared = await prepare(api);
});

const withBody = routes.filter((r) => r.body);
const withParams = routes.filter((r) => paramNames(r).length > 0);
const withQuery = routes.filter((r) => queryKeys(r).length > 0);

function queryKeys(route: Route): string[] {
  const shape = (route.query as z.ZodObject | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

const sampleOf = (route: Route): unknown => {
  const sample = samples[route.operationId];
  if (!sample) {
    throw new Error(`${route.operationId} (${route.method} ${route.path}) takes a body but has no sample: add a valid body for it to test/support/samples.ts`);
  }
  return sample(prepared);
};

interface Sent {
  status: number;
  contentType: string | null;
  text: string;
}

/** Sends exactly these bytes and headers, as the route's rightful caller. */
async function send(route: Route, path: string, body: HostileBody | undefined): Promise<Sent> {
  const headers: Record<string, string> = { authorization: `Bearer ${await api.token(callerFor(route))}` };
  if (route.ifMatch) headers['if-match'] = '"1"';
  if (route.idempotent) headers['idempotency-key'] = `hostile-${Math.random().toString(36).slice(2)}`;
  if (body?.contentType !== undefined) headers['content-type'] = body.contentType;
  const res = await api.fetch(path, { method: route.method, headers, body: body?.body });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

/** A refusal: 4xx, problem+json, a problem document with that status, and no trace of internals. */
const expectRefusal = (res: Sent, what: string) => {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.contentType, what).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(res.text)).toMatchObject({ status: res.status, type: expect.any(String), title: expect.any(String) });
  expect(res.text).not.toMatch(/node_modules|\.ts:\d+|TypeError|ValidationException/);
};

/** Nothing leaked into every object's prototype. */
const expectNoPollution = () => {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};

const runs = { body: 30, params: 20, query: 20 };

describe('every route with a body has a valid sample', () => {
  it.each(withBody.map((r) => [r.operationId, r] as const))('%s', (_, route) => {
    const sample = sampleOf(route);
    const parsed = route.body!.safeParse(sample);
    expect(parsed.success, `the sample for ${route.operationId} is not valid: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  });
});

describe('hostile bodies are refused and store nothing', () => {
  it.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_, route) => {
    const sample = sampleOf(route);
    const path = pathFor(route, paramsFor(route, prepared));
    await fc.assert(
      fc.asyncProperty(hostileBodies(sample), async (hostile) => {
        const seen = parsedBody(hostile);
        // Not hostile after all: the route's own schema accepts it.
        fc.pre(!(seen && route.body!.safeParse(seen.value).success));
        const before = await scanTable();
        const res = await send(route, path, hostile);
        expectRefusal(res, `${hostile.kind} body`);
        expect(await scanTable(), `${hostile.kind} body stored something`).toEqual(before);
        expectNoPollution();
      }),
      { numRuns: runs.body },
    );
  });
});

describe('hostile path parameters are refused and store nothing', () => {
  it.each(withParams.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_, route) => {
    const valid = paramsFor(route, prepared);
    const body = route.body ? JSON.stringify(sampleOf(route)) : undefined;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paramNames(route)), hostileSegment, async (name, segment) => {
        const decoded = safeDecode(segment);
        fc.pre(!route.params?.safeParse({ ...valid, [name]: decoded }).success);
        const encoded = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, k === name ? segment : encodeURIComponent(v)]));
        const before = await scanTable();
        const res = await send(route, pathFor(route, encoded, false), body === undefined ? undefined : { kind: 'sample', body, contentType: 'application/json' });
        expectRefusal(res, `{${name}} = ${segment.slice(0, 80)}`);
        expect(await scanTable()).toEqual(before);
      }),
      { numRuns: runs.params },
    );
  });
});

describe('hostile query values never cause a 5xx and store nothing', () => {
  it.each(withQuery.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_, route) => {
    const path = pathFor(route, paramsFor(route, prepared));
    const keys = [...queryKeys(route), 'unexpected', '__proto__'];
    const entry = fc.tuple(fc.constantFrom(...keys), hostileQueryValue);
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 3 }), async (entries) => {
        const url = new URL(`${api.url}${path}?${new URLSearchParams(entries).toString()}`);
        // The gateway joins repeated parameters with commas, as API Gateway does.
        const query: Record<string, string> = {};
        for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
        const before = await scanTable();
        const res = await send(route, `${url.pathname}${url.search}`, undefined);
        const what = `?${url.search.slice(1, 200)}`;
        if (route.query!.safeParse(query).success) {
          expect(res.status, `${what} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) expectRefusal(res, what);
        } else {
          expect(res.status, `${what} → ${res.text.slice(0, 300)}`).toBe(400);
          expectRefusal(res, what);
        }
        expect(await scanTable()).toEqual(before);
        expectNoPollution();
      }),
      { numRuns: runs.query },
    );
  });
});

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
