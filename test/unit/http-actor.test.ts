import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { actorFromClaims, actorOf, claimList, isModerator, isStaff, tokenRejected } from '#shared/http/actor.ts';

const eventWith = (authorizer: unknown) => ({ requestContext: { authorizer } }) as unknown as APIGatewayProxyEventV2;

describe('claimList', () => {
  it('reads API Gateway\'s flattened "[a b]"', () => {
    expect(claimList('[staff moderator]')).toEqual(['staff', 'moderator']);
  });

  it('reads the Lambda authorizer\'s "a,b"', () => {
    expect(claimList('staff,admin')).toEqual(['staff', 'admin']);
  });

  it('reads a real array', () => {
    expect(claimList(['staff', 'admin'])).toEqual(['staff', 'admin']);
  });

  it('reads a single value, bracketed or not', () => {
    expect(claimList('staff')).toEqual(['staff']);
    expect(claimList('[staff]')).toEqual(['staff']);
  });

  it('an empty list in any format is no groups', () => {
    expect(claimList('[]')).toEqual([]);
    expect(claimList('')).toEqual([]);
    expect(claimList([])).toEqual([]);
    expect(claimList(undefined)).toEqual([]);
    expect(claimList(42)).toEqual([]);
  });
});

describe('actorFromClaims', () => {
  it('no sub is no actor', () => {
    expect(actorFromClaims(undefined)).toBeUndefined();
    expect(actorFromClaims({})).toBeUndefined();
    expect(actorFromClaims({ sub: '' })).toBeUndefined();
    expect(actorFromClaims({ sub: 42 })).toBeUndefined();
  });

  it('reads sub, name and cognito:groups', () => {
    expect(actorFromClaims({ sub: 'u1', name: 'Ulla', 'cognito:groups': '[staff]' }))
      .toEqual({ sub: 'u1', name: 'Ulla', groups: ['staff'], strong: false });
  });

  it('falls back to the user name, then to "Resident"', () => {
    expect(actorFromClaims({ sub: 'u1', 'cognito:username': 'ulla' })?.name).toBe('ulla');
    expect(actorFromClaims({ sub: 'u1' })?.name).toBe('Resident');
  });

  it('amr containing strong marks strong identification, in every list format', () => {
    expect(actorFromClaims({ sub: 'u', amr: '[pwd strong]' })?.strong).toBe(true);
    expect(actorFromClaims({ sub: 'u', amr: ['strong'] })?.strong).toBe(true);
    expect(actorFromClaims({ sub: 'u', amr: 'mfa,strong' })?.strong).toBe(true);
  });

  it('the Lambda authorizer\'s strong: "true" marks strong identification', () => {
    expect(actorFromClaims({ sub: 'u', strong: 'true' })?.strong).toBe(true);
    expect(actorFromClaims({ sub: 'u', strong: 'false' })?.strong).toBe(false);
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
    expect(actorOf(eventWith({ jwt: { claims: { sub: 's', name: 'S', 'cognito:groups': '[moderator]' } } }))?.groups).toEqual(['moderator']);
  });

  it('reads the Lambda authorizer context', () => {
    expect(actorOf(eventWith({ lambda: { sub: 's', name: 'S', groups: 'staff,admin', strong: 'true' } })))
      .toEqual({ sub: 's', name: 'S', groups: ['staff', 'admin'], strong: true });
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
