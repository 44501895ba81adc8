/**
 * The claims a signature does not vouch for: a token must expire, must not be issued in the
 * future, must be an ID or access token, and must name a key we have; groups come only from
 * `cognito:groups` as exact names, strong identification only from `amr`.
 */
import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local.ts';
import { openDraft } from '../support/fixtures.ts';

const api = useLocalApi();
const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: Record<string, unknown>, kid?: string) =>
  api.runtime.identity.signRaw({ sub: 'mallory', token_use: 'id', iat: now(), exp: now() + 600, ...claims }, kid);

describe('tokens the verifier refuses', () => {
  it.each([
    ['without exp', { exp: undefined }, undefined],
    ['issued in the future', { iat: now() + 3600 }, undefined],
    ['a refresh token', { token_use: 'refresh' }, undefined],
    ['with no token_use', { token_use: undefined }, undefined],
    ['signed under an unknown kid', {}, 'someone-else'],
  ])('a token %s is 401 on protected and on optional routes', async (_, claims, kid) => {
    const token = await sign(claims, kid);
    const draft = await openDraft(api);
    expect((await api.request('GET', '/v1/me', { token })).status).toBe(401);
    expect((await api.request('GET', `/v1/drafts/${draft.id}/polls`, { token })).status).toBe(401);
  });

  it('a well-formed token of the same key is accepted (the refusals above are for their claims)', async () => {
    expect((await api.request('GET', '/v1/me', { token: await sign({}) })).status).toBe(200);
  });
});

describe('roles and strong identification come only from what Cognito issues', () => {
  it('a group named "x,moderator" is not the moderator group', async () => {
    const token = await sign({ 'cognito:groups': ['x,moderator'] });
    expect((await api.request('GET', '/v1/moderation/queue', { token })).status).toBe(403);
  });

  it('a token\'s own groups claim grants nothing', async () => {
    const token = await sign({ groups: ['staff', 'moderator', 'admin'] });
    expect((await api.request('GET', '/v1/moderation/queue', { token })).status).toBe(403);
    expect((await api.request('POST', '/v1/bodies', { token, body: { name: { fi: 'X' }, kind: 'board' } })).status).toBe(403);
  });

  it('a strong claim without amr is not strong identification', async () => {
    const draft = await openDraft(api, { commenting: 'strong' });
    const token = await sign({ strong: true, person: 'p-1' });
    const res = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { token, body: { body: 'Hei' } });
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/\/strong-identification-required$/);
  });

  it('every response says nosniff', async () => {
    for (const path of ['/v1/health', '/v1/drafts', '/v1/nowhere', '/v1/me']) {
      expect((await api.request('GET', path)).headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
