/**
 * Who may keep a response: public reads that declare a max-age are cacheable by CloudFront
 * and browsers when asked without a token, with an ETag and 304 revalidation; anything asked
 * with a token is private.
 */
import { describe, expect, it } from 'vitest';
import { routes } from '#functions/routes.ts';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { openDraft, postComment } from '../support/fixtures.ts';

const api = useLocalApi();

describe('caching of public reads', () => {
  it('a public list without a token is public for a short while, with an ETag', async () => {
    // Prepare
    await openDraft(api);
    // Act
    const res = await api.request('GET', '/v1/drafts');
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    expect(res.headers.get('etag')).toMatch(/^W\/"[\w-]+"$/);
  });

  it('the same list asked with its ETag in If-None-Match is 304 without a body', async () => {
    // Prepare
    await openDraft(api);
    const first = await api.request('GET', '/v1/decisions');
    const etag = first.headers.get('etag')!;
    // Act
    const again = await api.request('GET', '/v1/decisions', { headers: { 'if-none-match': etag } });
    // Assess
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('a changed list has a new ETag, so a stale If-None-Match gets the new body', async () => {
    // Prepare
    const { id } = await openDraft(api);
    const before = await api.request('GET', `/v1/drafts/${id}/comments`);
    await postComment(api, id, resident);
    // Act
    const after = await api.request('GET', `/v1/drafts/${id}/comments`, { headers: { 'if-none-match': before.headers.get('etag')! } });
    // Assess
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.body.items).toHaveLength(1);
  });

  it('a resource with a version keeps its own ETag, and never answers 304 on it', async () => {
    const { id } = await openDraft(api);
    const res = await api.request('GET', `/v1/drafts/${id}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30');
    expect(res.headers.get('etag')).toBe('"1"');
    const again = await api.request('GET', `/v1/drafts/${id}`, { headers: { 'if-none-match': '"1"' } });
    expect(again.status).toBe(200);
  });

  it('the same read with a token is private and never stored', async () => {
    const { id } = await openDraft(api);
    for (const path of ['/v1/drafts', `/v1/drafts/${id}`, `/v1/drafts/${id}/comments`]) {
      const res = await api.request('GET', path, { as: staff });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });

  it("the caller's own data is private", async () => {
    const res = await api.request('GET', '/v1/me', { as: resident });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('writes and routes that declare no max-age are not cacheable', async () => {
    expect((await api.request('GET', '/v1/health')).headers.get('cache-control')).toBe('no-store');
    const { id } = await openDraft(api);
    const posted = await api.request('POST', `/v1/drafts/${id}/comments`, { as: resident, body: { body: 'Hyvä suunnitelma.' } });
    expect(posted.status, posted.text).toBe(201);
    expect(posted.headers.get('cache-control')).toBe('private, no-store');
  });

  it('only GET routes open to callers without a token declare a max-age, and each a short one', () => {
    const declared = routes.filter((r) => r.cacheMaxAge !== undefined);
    expect(declared.length).toBeGreaterThan(10);
    for (const r of declared) {
      expect(r.method, r.operationId).toBe('GET');
      expect(['public', 'optional'], r.operationId).toContain(r.access);
      expect(r.cacheMaxAge!, r.operationId).toBeLessThanOrEqual(300);
    }
  });
});
