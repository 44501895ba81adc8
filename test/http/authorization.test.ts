/**
 * The authorization matrix, generated from the route table: every deployed route, called by
 * each kind of caller, answers as its `access` says. New routes are picked up by themselves.
 * Ids in paths are fresh, so the outcome depends only on who calls.
 */
import { describe, expect, it } from 'vitest';
import { deployedRoutes } from '#functions/routes.ts';
import type { Access, Route } from '#shared/http/route.ts';
import { moderator, resident, staff, useLocalApi, type User } from '../support/local.ts';
import { freshPrepared, paramsFor, pathFor, samples } from '../support/samples.ts';

const api = useLocalApi();

type Caller = 'anonymous' | 'resident' | 'staff' | 'moderator' | 'admin';
const users: Record<Caller, User | undefined> = {
  anonymous: undefined,
  resident,
  staff,
  moderator,
  admin: { sub: 'admin-1', name: 'Aila Admin', groups: ['admin'] },
};

/** What `access` promises each caller: the exact refusal, or `through` (neither 401 nor 403). */
const expected: Record<Access, Record<Caller, 401 | 403 | 'through'>> = {
  public: { anonymous: 'through', resident: 'through', staff: 'through', moderator: 'through', admin: 'through' },
  optional: { anonymous: 'through', resident: 'through', staff: 'through', moderator: 'through', admin: 'through' },
  resident: { anonymous: 401, resident: 'through', staff: 'through', moderator: 'through', admin: 'through' },
  staff: { anonymous: 401, resident: 403, staff: 'through', moderator: 403, admin: 'through' },
  moderator: { anonymous: 401, resident: 403, staff: 403, moderator: 'through', admin: 'through' },
};

/** The route's sample request, aimed at ids that exist nowhere. */
const call = (route: Route, as: User | undefined) => {
  const p = freshPrepared();
  const sample = samples[route.operationId];
  return api.request(route.method, pathFor(route, paramsFor(route, p)), {
    // Erasure refuses the caller's tokens afterwards: erase a stand-in with the same groups.
    as: as && route.operationId === 'eraseMe' ? { ...as, sub: `${as.sub}-erased-${p.draftId}` } : as,
    ...(route.body ? { body: sample ? sample(p) : {} } : {}),
    headers: route.ifMatch ? { 'if-match': '"1"' } : {},
  });
};

describe('authorization matrix (from the route table)', () => {
  it('covers every deployed route', () => {
    expect(deployedRoutes.length).toBeGreaterThan(0);
    expect(deployedRoutes.some((r) => r.localOnly)).toBe(false);
  });

  describe.each(deployedRoutes.map((r) => [`${r.method} ${r.path} (${r.access})`, r] as const))('%s', (_, route) => {
    it.each(Object.keys(users) as Caller[])('as %s', async (caller) => {
      // Act
      const res = await call(route, users[caller]);
      // Assess
      const want = expected[route.access][caller];
      expect(res.status, res.text).toBeLessThan(500);
      if (want === 'through') {
        expect([401, 403], `${caller} was refused: ${res.text}`).not.toContain(res.status);
      } else {
        expect(res.status, res.text).toBe(want);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.type).toMatch(want === 401 ? /\/unauthorized$/ : /\/forbidden$/);
        if (want === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
      }
    });

    if (route.access !== 'public') {
      it('a token that does not verify is 401', async () => {
        const p = freshPrepared();
        const res = await api.request(route.method, pathFor(route, paramsFor(route, p)), {
          token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5IiwiY29nbml0bzpncm91cHMiOlsiYWRtaW4iXX0.forged',
          ...(route.body ? { body: samples[route.operationId]?.(p) ?? {} } : {}),
          headers: route.ifMatch ? { 'if-match': '"1"' } : {},
        });
        expect(res.status, res.text).toBe(401);
      });
    }
  });
});
