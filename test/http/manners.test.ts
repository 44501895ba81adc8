/**
 * HTTP manners: HEAD wherever GET is, CORS as the deployment's API Gateway answers it (the
 * settings in `infra/cors.ts`), and a 405 that says which methods the path has.
 */
import { describe, expect, it } from 'vitest';
import { routes } from '#functions/routes.ts';
import { newId } from '#shared/ids.ts';
import { cors } from '#infra/cors.ts';
import { staff, useLocalApi } from '../support/local.ts';
import { draftBody } from '../support/fixtures.ts';

const api = useLocalApi();
const origin = 'https://osallistu.example.fi';

describe('HEAD', () => {
  it('answers every GET route as GET does, without the body', async () => {
    // Prepare
    const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    const ids = { id: created.body.id as string };
    const gets = routes.filter((r) => r.method === 'GET');
    const token = await api.token(staff);

    for (const r of gets) {
      const path = r.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name as 'id'] ?? newId());
      const headers = { authorization: `Bearer ${token}` };

      // Act
      const get = await api.fetch(path, { headers });
      const head = await api.fetch(path, { method: 'HEAD', headers });

      // Assess
      expect(head.status, `HEAD ${path}`).toBe(get.status);
      expect(head.headers.get('content-type'), `HEAD ${path}`).toBe(get.headers.get('content-type'));
      expect(head.headers.get('etag'), `HEAD ${path}`).toBe(get.headers.get('etag'));
      expect(await head.text(), `HEAD ${path}`).toBe('');
    }
    expect(gets.length).toBeGreaterThan(20);
  });

  it('is not allowed where GET is not: 405 naming the methods there are', async () => {
    const res = await api.fetch('/v1/drafts/00000000000000000000000000/publish', { method: 'HEAD' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('CORS, as API Gateway answers it', () => {
  it('answers a preflight itself: 204 with the allowed methods, headers and max age', async () => {
    // Act
    const res = await api.fetch('/v1/drafts', {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

    // Assess
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual([...cors.allowMethods]);
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-match', 'idempotency-key']));
    expect(res.headers.get('access-control-max-age')).toBe(String(cors.maxAgeSeconds));
    expect(await res.text()).toBe('');
  });

  it('lets a cross-origin page read the response and its ETag and Location', async () => {
    const res = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody(), headers: { origin } });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')?.split(',')).toEqual(expect.arrayContaining(['etag', 'location']));
  });

  it('an OPTIONS that is not a preflight is a wrong method: 405 with Allow', async () => {
    const res = await api.request('OPTIONS', '/v1/drafts');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'HEAD', 'POST']);
  });
});
