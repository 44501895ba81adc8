import { describe, expect, it } from 'vitest';
import { matcher } from '#shared/http/match.ts';
import type { Route } from '#shared/http/route.ts';

const r = (method: Route['method'], path: `/${string}`, operationId: string): Route =>
  ({ method, path, operationId, fn: 'x', access: 'public', summary: '', tag: 'T', responses: {} }) as Route;

const match = matcher([
  r('GET', '/v1/drafts', 'listDrafts'),
  r('POST', '/v1/drafts', 'createDraft'),
  r('GET', '/v1/drafts/{id}', 'getDraft'),
  r('PATCH', '/v1/drafts/{id}', 'patchDraft'),
  r('PUT', '/v1/drafts/{id}/comments/{cid}/vote', 'vote'),
  r('GET', '/v1/meetings.ics', 'ics'),
]);

describe('matcher', () => {
  it('finds the route for the method and path, with its parameters', () => {
    const m = match('PUT', '/v1/drafts/D1/comments/C1/vote');
    expect(m.route?.operationId).toBe('vote');
    expect(m.params).toEqual({ id: 'D1', cid: 'C1' });
  });

  it('a path no route has is 404: no route and no allowed methods', () => {
    expect(match('GET', '/v1/nothing')).toEqual({ params: {}, allow: [] });
    expect(match('GET', '/v1/drafts/D1/extra').allow).toEqual([]);
  });

  it('a known path with another method is 405: no route, and Allow lists the methods it has', () => {
    const m = match('DELETE', '/v1/drafts/D1');
    expect(m.route).toBeUndefined();
    expect(m.allow.sort()).toEqual(['GET', 'PATCH']);
  });

  it('a parameter matches one segment only', () => {
    expect(match('GET', '/v1/drafts/a/b').route).toBeUndefined();
    expect(match('GET', '/v1/drafts/').route).toBeUndefined();
  });

  it('a dot in a path is a literal dot', () => {
    expect(match('GET', '/v1/meetings.ics').route?.operationId).toBe('ics');
    expect(match('GET', '/v1/meetingsXics').route).toBeUndefined();
  });

  it('parameters are percent-decoded', () => {
    expect(match('GET', '/v1/drafts/a%20b').params).toEqual({ id: 'a b' });
  });

  it('a malformed percent-encoding in a parameter does not throw', () => {
    const m = match('GET', '/v1/drafts/%E0%A4%A');
    expect(m.route?.operationId).toBe('getDraft');
    // Kept raw: it names nothing, and the id schema turns it into a 404.
    expect(m.params.id).toBe('%E0%A4%A');
  });
});
