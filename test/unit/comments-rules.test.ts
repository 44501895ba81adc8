import { describe, expect, it } from 'vitest';
import { participant } from '#shared/comments/rules.ts';
import type { Actor } from '#shared/http/actor.ts';
import { Problem } from '#shared/http/problem.ts';

const aino: Actor = { sub: 'aino', name: 'Aino', groups: [], strong: false };
const strongAino: Actor = { ...aino, strong: true, person: 'hetu-hash-1' };
const staffKaisa: Actor = { sub: 'kaisa', name: 'Kaisa', groups: ['staff'], strong: false };

const problem = (value: unknown) => {
  expect(value).toBeInstanceOf(Problem);
  const p = value as Problem;
  return { status: p.status, slug: p.slug };
};

describe('participant under each commenting mode', () => {
  it('staff speak as staff, for the municipality', () => {
    expect(participant('registered', staffKaisa)).toMatchObject({ kind: 'staff' });
  });

  it('strong: an identification that names no person cannot take part', () => {
    expect(problem(participant('strong', { ...aino, strong: true }))).toEqual({ status: 403, slug: 'strong-identification-required' });
  });

  it('registered: a signed-in resident takes part under their own id and name', () => {
    expect(participant('registered', aino)).toEqual({ sub: 'aino', name: 'Aino', kind: 'resident' });
  });

  it('registered: without a token it is 401', () => {
    expect(problem(participant('registered', undefined))).toEqual({ status: 401, slug: 'unauthorized' });
  });

  it('registered: an authorName does not stand in for a token', () => {
    expect(problem(participant('registered', undefined, 'Nimetön'))).toEqual({ status: 401, slug: 'unauthorized' });
  });

  it('strong: a strongly identified resident takes part', () => {
    expect(participant('strong', strongAino)).toEqual({ sub: 'aino', name: 'Aino', kind: 'strong', person: 'hetu-hash-1' });
  });

  it('strong: a resident without amr strong is 403 strong-identification-required', () => {
    expect(problem(participant('strong', aino))).toEqual({ status: 403, slug: 'strong-identification-required' });
  });

  it('strong: without a token it is 401', () => {
    expect(problem(participant('strong', undefined))).toEqual({ status: 401, slug: 'unauthorized' });
  });

  it('anonymous: without a token the given authorName speaks, with no user id', () => {
    expect(participant('anonymous', undefined, 'Kylän Kalle')).toEqual({ name: 'Kylän Kalle', kind: 'anonymous' });
    // A name is only a name: one that imitates the municipality is still anonymous.
    expect(participant('anonymous', undefined, 'Kaupungin henkilökunta')).toMatchObject({ kind: 'anonymous' });
  });

  it('anonymous: without a token and without authorName it is 400 naming body.authorName', () => {
    const p = participant('anonymous', undefined) as Problem;
    expect(problem(p)).toEqual({ status: 400, slug: 'validation-failed' });
    expect(p.toJSON().errors).toEqual([{ path: 'body.authorName', message: expect.any(String) }]);
  });

  it('anonymous: a signed-in resident still takes part as themselves, authorName ignored', () => {
    expect(participant('anonymous', aino, 'Joku muu')).toEqual({ sub: 'aino', name: 'Aino', kind: 'resident' });
  });

  it('none: nobody takes part, signed in or not: 409 participation-closed', () => {
    expect(problem(participant('none', strongAino))).toEqual({ status: 409, slug: 'participation-closed' });
    expect(problem(participant('none', undefined, 'Kalle'))).toEqual({ status: 409, slug: 'participation-closed' });
  });
});
