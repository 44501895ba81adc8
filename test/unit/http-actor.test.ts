import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { actorFromClaims, actorOf, authorizerContext, claimList, claimsAcceptable, isModerator, isStaff, tokenRejected } from '#shared/http/actor.ts';

const eventWith = (authorizer: unknown) => ({ requestContext: { authorizer } }) as unknown as APIGatewayProxyEventV2;
const now = Math.floor(Date.now() / 1000);
/** The claims a fresh Cognito ID token carries, as API Gateway's JWT authorizer hands them on. */
const fresh = (more: Record<string, unknown> = {}) => ({ sub: 's', token_use: 'id', iat: String(now), exp: String(now + 3600), ...more });

describe('claimList', () => {
  it('reads API Gateway\'s flattened "[a b]"', () => {
    expect(claimList('[staff moderator]')).toEqual(['staff', 'moderator']);
  });

  it('reads a real array', () => {
    expect(claimList(['staff', 'admin'])).toEqual(['staff', 'admin']);
  });

  it('reads a single value, bracketed or not', () => {
    expect(claimList('staff')).toEqual(['staff']);
    expect(claimList('[staff]')).toEqual(['staff']);
  });

  it('a group named "x,moderator" stays one group and never becomes moderator', () => {
    expect(claimList('[x,moderator]')).toEqual(['x,moderator']);
    expect(claimList(['x,moderator'])).toEqual(['x,moderator']);
    expect(isModerator({ sub: 'u', name: 'U', groups: claimList('[x,moderator]'), strong: false })).toBe(false);
  });

  it('an empty list in any format is no groups', () => {
    expect(claimList('[]')).toEqual([]);
    expect(claimList('')).toEqual([]);
    expect(claimList([])).toEqual([]);
    expect(claimList(undefined)).toEqual([]);
    expect(claimList(42)).toEqual([]);
  });
});

describe('claimsAcceptable', () => {
  it('takes a fresh ID or access token', () => {
    expect(claimsAcceptable(fresh())).toBe(true);
    expect(claimsAcceptable(fresh({ token_use: 'access' }))).toBe(true);
  });

  it('refuses a token without exp, an expired one, one issued in the future, and a refresh token', () => {
    const { exp: _exp, ...noExp } = fresh();
    expect(claimsAcceptable(noExp)).toBe(false);
    expect(claimsAcceptable(fresh({ exp: String(now - 3600) }))).toBe(false);
    expect(claimsAcceptable(fresh({ iat: String(now + 3600) }))).toBe(false);
    expect(claimsAcceptable(fresh({ token_use: 'refresh' }))).toBe(false);
    expect(claimsAcceptable(fresh({ token_use: undefined }))).toBe(false);
  });

  it('allows a minute of clock skew on iat', () => {
    expect(claimsAcceptable(fresh({ iat: String(now + 30) }))).toBe(true);
  });
});

describe('actorFromClaims', () => {
  it('no sub is no actor', () => {
    expect(actorFromClaims(undefined)).toBeUndefined();
    expect(actorFromClaims({})).toBeUndefined();
    expect(actorFromClaims({ sub: '' })).toBeUndefined();
    expect(actorFromClaims({ sub: 42 })).toBeUndefined();
  });

  it('reads sub, name, cognito:groups and iat', () => {
    expect(actorFromClaims({ sub: 'u1', name: 'Ulla', 'cognito:groups': '[staff]', iat: '1700000000' }))
      .toEqual({ sub: 'u1', name: 'Ulla', groups: ['staff'], strong: false, issuedAt: 1700000000 });
  });

  it('a person without a name is "Resident", never their user name or id', () => {
    expect(actorFromClaims({ sub: 'u1', 'cognito:username': 'suomifi_0f3a' })?.name).toBe('Resident');
    expect(actorFromClaims({ sub: 'u1', 'cognito:username': 'suomifi_0f3a' })?.username).toBe('suomifi_0f3a');
  });

  it('groups come only from cognito:groups, never from a token\'s own groups claim', () => {
    expect(actorFromClaims({ sub: 'u', groups: ['staff'] })?.groups).toEqual([]);
  });

  it('strong comes only from amr (in every list format) or the pre-token trigger\'s claim, and carries the person claim', () => {
    expect(actorFromClaims({ sub: 'u', amr: '[pwd strong]', person: 'p1' })).toMatchObject({ strong: true, person: 'p1' });
    expect(actorFromClaims({ sub: 'u', amr: ['strong'] })?.strong).toBe(true);
    expect(actorFromClaims({ sub: 'u', identification: 'strong', person: 'p2' })).toMatchObject({ strong: true, person: 'p2' });
    expect(actorFromClaims({ sub: 'u', identification: 'weak' })?.strong).toBe(false);
    expect(actorFromClaims({ sub: 'u', identification: ['strong'] })?.strong).toBe(false);
    expect(actorFromClaims({ sub: 'u', strong: 'true' })?.strong).toBe(false);
    expect(actorFromClaims({ sub: 'u', strong: true })?.strong).toBe(false);
  });

  it('a person claim without strong identification is ignored', () => {
    expect(actorFromClaims({ sub: 'u', person: 'p1' })?.person).toBeUndefined();
  });

  it('amr without strong (or a word merely containing it) is not strong', () => {
    expect(actorFromClaims({ sub: 'u', amr: '[pwd mfa]' })?.strong).toBe(false);
    expect(actorFromClaims({ sub: 'u', amr: '[strongish]' })?.strong).toBe(false);
  });
});

describe('roles', () => {
  const actor = (groups: string[]) => ({ sub: 'u', name: 'U', groups, strong: false });

  it('admin is both staff and moderator', () => {
    expect(isStaff(actor(['admin']))).toBe(true);
    expect(isModerator(actor(['admin']))).toBe(true);
  });

  it('staff is not a moderator, a moderator is not staff, a resident is neither', () => {
    expect(isModerator(actor(['staff']))).toBe(false);
    expect(isStaff(actor(['moderator']))).toBe(false);
    expect(isStaff(actor([]))).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });
});

describe('actorOf and tokenRejected', () => {
  it('reads JWT authorizer claims', () => {
    expect(actorOf(eventWith({ jwt: { claims: fresh({ name: 'S', 'cognito:groups': '[moderator]' }) } }))?.groups).toEqual(['moderator']);
  });

  it('JWT authorizer claims of a refresh token, or issued in the future, are no caller', () => {
    expect(actorOf(eventWith({ jwt: { claims: fresh({ token_use: 'refresh' }) } }))).toBeUndefined();
    expect(actorOf(eventWith({ jwt: { claims: fresh({ iat: String(now + 7200) }) } }))).toBeUndefined();
  });

  it('reads the context the optional-token authorizer built from the same claims', () => {
    const context = authorizerContext({ sub: 's', name: 'S', 'cognito:groups': ['staff', 'x,moderator'], amr: ['strong'], person: 'p', iat: now });
    expect(actorOf(eventWith({ lambda: context })))
      .toEqual({ sub: 's', name: 'S', groups: ['staff', 'x,moderator'], strong: true, person: 'p', issuedAt: now });
  });

  it('no authorizer is anonymous and not a rejected token', () => {
    expect(actorOf(eventWith(undefined))).toBeUndefined();
    expect(tokenRejected(eventWith(undefined))).toBe(false);
    expect(tokenRejected(eventWith({ lambda: {} }))).toBe(false);
  });

  it('a tokenError from the optional authorizer marks the token rejected', () => {
    expect(tokenRejected(eventWith({ lambda: { tokenError: 'invalid' } }))).toBe(true);
  });
});
