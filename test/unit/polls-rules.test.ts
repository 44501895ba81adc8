import { describe, expect, it } from 'vitest';
import { ballotErrors, choiceLimit, pollStatus, resultsVisible, shardOf } from '#shared/polls/rules.ts';
import { sumShards } from '#shared/polls/counters.ts';
import { ballotKey, ballotRefKey, openBallotKey, sealBallotKey, voter } from '#shared/polls/keys.ts';

const poll = { maxChoices: 2, options: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] };

describe('a ballot', () => {
  it('is valid with distinct known options up to maxChoices', () => {
    expect(ballotErrors(poll, ['A'])).toEqual([]);
    expect(ballotErrors(poll, ['C', 'A'])).toEqual([]);
  });

  it('names each offence: empty, unknown, repeated, too many', () => {
    expect(ballotErrors(poll, [])).toEqual([{ path: 'body.optionIds', message: 'choose at least one option' }]);
    expect(ballotErrors(poll, ['A', 'X'])).toEqual([{ path: 'body.optionIds.1', message: 'not an option of this poll' }]);
    expect(ballotErrors(poll, ['B', 'B'])).toEqual([{ path: 'body.optionIds.1', message: 'chosen twice' }]);
    expect(ballotErrors(poll, ['A', 'B', 'C'])).toEqual([{ path: 'body.optionIds', message: 'at most 2 options may be chosen' }]);
  });
});

describe('how many options a poll lets one choose', () => {
  it('single: exactly one', () => {
    expect(choiceLimit('single', 4, undefined)).toBe(1);
    expect(choiceLimit('single', 4, 1)).toBe(1);
    expect(choiceLimit('single', 4, 2)).toMatchObject({ path: 'body.maxChoices' });
  });

  it('multiple: maxChoices, by default every option, never more than there are', () => {
    expect(choiceLimit('multiple', 4, undefined)).toBe(4);
    expect(choiceLimit('multiple', 4, 3)).toBe(3);
    expect(choiceLimit('multiple', 4, 5)).toMatchObject({ path: 'body.maxChoices' });
  });
});

describe('who sees results', () => {
  const resident = { staff: false, voted: false };
  it('always: everyone, at once', () => expect(resultsVisible('always', 'open', resident)).toBe(true));
  it('after-vote: those who voted', () => {
    expect(resultsVisible('after-vote', 'open', resident)).toBe(false);
    expect(resultsVisible('after-vote', 'open', { staff: false, voted: true })).toBe(true);
  });
  it('after-close: nobody until the draft closes or is decided', () => {
    expect(resultsVisible('after-close', 'open', { staff: false, voted: true })).toBe(false);
    expect(resultsVisible('after-close', 'closed', resident)).toBe(true);
    expect(resultsVisible('after-close', 'decided', resident)).toBe(true);
  });
  it('staff: always, since their export carries the totals', () => expect(resultsVisible('after-close', 'open', { staff: true, voted: false })).toBe(true));
  it('a poll is open exactly while its draft is', () => {
    expect(pollStatus('open')).toBe('open');
    expect(pollStatus('decided')).toBe('closed');
  });
});

describe('counter shards', () => {
  it('sum to the results, options in poll order, missing counts as zero', () => {
    const shards = [{ total: 3, option_A: 2, option_C: 1 }, { total: 2, option_B: 2 }, {}];
    expect(sumShards(poll.options, shards)).toEqual({ total: 5, options: [{ id: 'A', count: 2 }, { id: 'B', count: 2 }, { id: 'C', count: 1 }] });
  });

  it('ballot keys spread evenly over the shards (each within 15% of the mean over 8,000 voters)', async () => {
    const perShard = new Array(8).fill(0) as number[];
    for (let i = 0; i < 8000; i++) perShard[shardOf(await ballotKey('01KAP4M0N1P2Q3R4S5T6V7W8XA', `voter-${i}`), 8)]! += 1;
    for (const n of perShard) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
});

describe('ballot keys', () => {
  it('are the same for the same person and poll, different across polls and people, and hold no user id', async () => {
    const key = await ballotKey('POLL1', 'alice');
    expect(await ballotKey('POLL1', 'alice')).toBe(key);
    expect(await ballotKey('POLL2', 'alice')).not.toBe(key);
    expect(await ballotKey('POLL1', 'bob')).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the account's reference key is another keyed hash per poll, unrelated to the ballot key", async () => {
    const ref = await ballotRefKey('POLL1', 'alice');
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
    expect(ref).not.toBe(await ballotKey('POLL1', voter('alice')));
    expect(ref).not.toBe(await ballotRefKey('POLL2', 'alice'));
  });

  it('on strong drafts the voter is the person, whichever account they use', async () => {
    expect(await ballotKey('POLL1', voter('account-1', 'person-9'))).toBe(await ballotKey('POLL1', voter('account-2', 'person-9')));
    expect(await ballotKey('POLL1', voter('account-1'))).not.toBe(await ballotKey('POLL1', voter('account-2')));
  });

  it('a sealed ballot key opens only with the deployment secret, and differs each time it is sealed', async () => {
    const sealed = await sealBallotKey('abc123');
    expect(await openBallotKey(sealed)).toBe('abc123');
    expect(await sealBallotKey('abc123')).not.toBe(sealed);
    expect(sealed).not.toContain('abc123');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    await expect(openBallotKey(tampered)).rejects.toThrow();
  });
});
