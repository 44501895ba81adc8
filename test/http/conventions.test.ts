import { describe, expect, it } from 'vitest';
import { newId } from '#shared/ids.ts';
import { localIdentity } from '#infra/local/tokens.ts';
import { resident, staff, useLocalApi, type Response } from '../support/local.ts';
import { draftBody, openDraft, postComment, walk } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

/** An RFC 9457 problem with this status. */
const expectProblem = (res: Response, status: number, slug?: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  if (slug) expect(res.body.type).toMatch(new RegExp(`/${slug}$`));
  expect(res.text).not.toMatch(/at .*\.ts:\d+|node_modules|Error:/);
};
const countType = async (type: string) => (await scanTable()).filter((i) => i.type === type).length;

describe('platform conventions', () => {
  it('GET /v1/health is 200 {status: ok} as JSON', async () => {
    const res = await api.request('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('an unknown route is a 404 problem', async () => {
    expectProblem(await api.request('GET', '/v1/nothing-here'), 404);
    expectProblem(await api.request('GET', '/v2/drafts'), 404);
    expectProblem(await api.request('POST', '/v1/drafts/x/y/z', { body: {} }), 404);
  });

  it('a wrong method is a 405 problem with Allow listing the path\'s methods', async () => {
    const res = await api.request('DELETE', '/v1/drafts');
    expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'HEAD', 'POST']);
    const health = await api.request('POST', '/v1/health', { body: {} });
    expectProblem(health, 405);
    expect(health.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a malformed percent-encoding in a path is a 404 problem, not a 500', async () => {
    expectProblem(await api.request('GET', '/v1/drafts/%E0%A4%A'), 404);
    expectProblem(await api.request('GET', '/v1/drafts/%'), 404);
    expectProblem(await api.request('PUT', `/v1/drafts/${newId()}/comments/%zz/vote`, { as: resident }), 404);
  });

  it('malformed JSON is 400 and stores nothing', async () => {
    const before = await countType('draft');
    expectProblem(await api.request('POST', '/v1/drafts', { as: staff, body: '{"title": {"fi": "x"' }), 400);
    expectProblem(await api.request('POST', '/v1/drafts', { as: staff, body: "{'title': 1}" }), 400);
    expect(await countType('draft')).toBe(before);
  });

  it('a wrong content type is 415 even for a valid JSON body', async () => {
    const body = JSON.stringify(draftBody());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
      expectProblem(await api.request('POST', '/v1/drafts', { as: staff, body, headers: { 'content-type': type } }), 415, 'unsupported-media-type');
    }
  });

  it('a body over 64 KiB is 413, or over the limit a route sets (drafts: 1 MiB, for their map geometries)', async () => {
    const comment = { body: 'x'.repeat(65 * 1024) };
    expectProblem(await api.request('POST', '/v1/drafts/01KAP3Z6X5N7V2J8Q4R9T0W1YB/comments', { as: staff, body: comment }), 413, 'payload-too-large');
    const body = draftBody({ summary: { fi: 'x'.repeat(1025 * 1024) } });
    expectProblem(await api.request('POST', '/v1/drafts', { as: staff, body }), 413, 'payload-too-large');
  });

  it('a missing body where one is required is 400', async () => {
    expectProblem(await api.request('POST', '/v1/drafts', { as: staff }), 400);
    expectProblem(await api.request('POST', '/v1/drafts', { as: staff, body: '' }), 400);
  });

  it('an unknown field in a strict body is 400 naming it as body.<field>', async () => {
    const res = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody({ extra: 1 }) });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.extra' })]));
    const nested = await api.request('POST', '/v1/drafts', {
      as: staff, body: draftBody({ sections: [{ title: { fi: 'a' }, body: { fi: 'b' }, colour: 'red' }] }),
    });
    expectProblem(nested, 400);
    expect(nested.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.sections.0.colour' })]));
  });

  it('validation errors name each offending field by path', async () => {
    const res = await api.request('POST', '/v1/drafts', { as: staff, body: { title: {}, sections: [{ title: { fi: 'a' }, body: 5 }] } });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.sections.0.body']));
  });

  it('a path id that is not an id names nothing: 404', async () => {
    expectProblem(await api.request('GET', '/v1/drafts/not-an-id'), 404);
  });
});

describe('tokens', () => {
  it('a token that does not verify is 401 on protected and optional routes', async () => {
    const foreign = await (await localIdentity()).mint({ sub: 'mallory', groups: ['admin'], strong: true, expiresIn: 600 });
    const expired = await api.runtime.identity.mint({ sub: 'late', groups: ['staff'], strong: false, expiresIn: -60 });
    for (const token of ['garbage', foreign.token, expired.token, `${(await api.token(staff)).slice(0, -4)}AAAA`]) {
      const onStaffRoute = await api.request('POST', '/v1/drafts', { token, body: draftBody() });
      expectProblem(onStaffRoute, 401, 'unauthorized');
      expect(onStaffRoute.headers.get('www-authenticate')).toBe('Bearer');
      expectProblem(await api.request('GET', `/v1/drafts/${newId()}`, { token }), 401);
    }
  });

  it('a scheme other than Bearer is 401', async () => {
    const res = await api.request('POST', '/v1/drafts', { body: draftBody(), headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } });
    expectProblem(res, 401);
  });
});

describe('Idempotency-Key', () => {
  it('a repeat with the same key and body returns the first response and creates nothing', async () => {
    // Prepare
    const key = `create-${newId()}`;
    const before = await countType('draft');
    // Act
    const first = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody(), headers: { 'idempotency-key': key } });
    const repeat = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody(), headers: { 'idempotency-key': key } });
    // Assess
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.get('location')).toBe(first.headers.get('location'));
    expect(await countType('draft')).toBe(before + 1);
  });

  it('a repeated comment is posted and counted once', async () => {
    const draft = await openDraft(api);
    const send = () => api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: resident, body: { body: 'kerran' }, headers: { 'idempotency-key': 'k-1' } });
    const first = await send();
    const repeat = await send();
    expect(repeat.body.id).toBe(first.body.id);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).body.commentCount).toBe(1);
  });

  it('the same key with another body is 422 and creates nothing', async () => {
    const key = `create-${newId()}`;
    await api.request('POST', '/v1/drafts', { as: staff, body: draftBody(), headers: { 'idempotency-key': key } });
    const before = await countType('draft');
    const other = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody({ caseId: 'HEL-2025-999999' }), headers: { 'idempotency-key': key } });
    expectProblem(other, 422, 'idempotency-key-reused');
    expect(await countType('draft')).toBe(before);
  });

  it('keys belong to their caller: another caller\'s same key creates its own', async () => {
    const key = `shared-${newId()}`;
    const draft = await openDraft(api);
    const path = `/v1/drafts/${draft.id}/comments`;
    const a = await api.request('POST', path, { as: resident, body: { body: 'x' }, headers: { 'idempotency-key': key } });
    const b = await api.request('POST', path, { as: { sub: 'resident-9', name: 'N' }, body: { body: 'x' }, headers: { 'idempotency-key': key } });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a failed request frees its key: fixing the body and retrying with it succeeds', async () => {
    const draft = await openDraft(api);
    const path = `/v1/drafts/${draft.id}/comments`;
    const key = `retry-${newId()}`;
    expect((await api.request('POST', path, { as: resident, body: { body: 'x', sectionId: newId() }, headers: { 'idempotency-key': key } })).status).toBe(422);
    const retry = await api.request('POST', path, { as: resident, body: { body: 'x', sectionId: newId() }, headers: { 'idempotency-key': key } });
    expect(retry.status).toBe(422);
    const fixed = await api.request('POST', path, { as: resident, body: { body: 'y' }, headers: { 'idempotency-key': key } });
    expect(fixed.status).toBe(201);
  });

  it('a key that is not 1-255 visible ASCII characters is 400', async () => {
    expectProblem(await api.request('POST', '/v1/drafts', { as: staff, body: draftBody(), headers: { 'idempotency-key': 'x'.repeat(256) } }), 400);
    expectProblem(await api.request('POST', '/v1/drafts', { as: staff, body: draftBody(), headers: { 'idempotency-key': 'a b' } }), 400);
  });
});

describe('pagination', () => {
  it('limit must be an integer from 1 to 100', async () => {
    for (const limit of ['0', '101', '-1', '1.5', 'abc', '']) {
      const res = await api.request('GET', `/v1/drafts?limit=${limit}`);
      expectProblem(res, 400);
      expect(res.body.errors[0].path).toBe('query.limit');
    }
    expect((await api.request('GET', '/v1/drafts?limit=1')).status).toBe(200);
    expect((await api.request('GET', '/v1/drafts?limit=100')).status).toBe(200);
  });

  it('walking pages with nextCursor returns every item once', async () => {
    const draft = await openDraft(api);
    const posted = new Set<string>();
    for (let i = 0; i < 11; i++) posted.add((await postComment(api, draft.id, resident)).id);
    for (const limit of [1, 3, 5, 11, 100]) {
      const seen = (await walk<{ id: string }>(api, `/v1/drafts/${draft.id}/comments`, limit)).map((c) => c.id);
      expect(seen).toHaveLength(posted.size);
      expect(new Set(seen)).toEqual(posted);
    }
  });

  it('a cursor from another list is 400', async () => {
    await openDraft(api);
    await openDraft(api);
    const drafts = await api.request('GET', '/v1/drafts?limit=1');
    expect(drafts.body.nextCursor).toEqual(expect.any(String));
    const cursor = encodeURIComponent(drafts.body.nextCursor);
    expectProblem(await api.request('GET', `/v1/drafts?status=closed&cursor=${cursor}`), 400, 'invalid-cursor');
    expectProblem(await api.request('GET', `/v1/drafts/${newId()}/versions?cursor=${cursor}`), 404);
    const draft = await openDraft(api);
    expectProblem(await api.request('GET', `/v1/drafts/${draft.id}/comments?cursor=${cursor}`), 400, 'invalid-cursor');
  });

  it('a forged or garbled cursor is 400, never a 500', async () => {
    const cursor = (await api.request('GET', '/v1/drafts?limit=1')).body.nextCursor as string;
    const raw = Buffer.from(cursor, 'base64url');
    raw[raw.length - 1]! ^= 0xff;
    const forged = [raw.toString('base64url'), 'A'.repeat(52), '%00', '💥', 'x'.repeat(2048), Buffer.from('{"pk":"DRAFT#1","sk":"DRAFT"}').toString('base64url')];
    for (const bad of forged) expectProblem(await api.request('GET', `/v1/drafts?cursor=${encodeURIComponent(bad)}`), 400);
  });
});
