/**
 * The sharded poll counters on DynamoDB Local: counts stay exact however ballots spread
 * over shards, a changed ballot moves counts inside its shard, and closing fences every
 * shard so the recorded final results are exactly the ballots that were accepted.
 */
import { describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { createDraft, publishDraft } from '#shared/drafts/repository.ts';
import { CreateDraftBody } from '#shared/drafts/schema.ts';
import { Problem } from '#shared/http/problem.ts';
import { castBallot, ownBallot } from '#shared/polls/ballots.ts';
import { counterPrefix } from '#shared/polls/counters.ts';
import { closePoll, createPoll, getPoll, resultsOf, type PollItem } from '#shared/polls/repository.ts';
import { draftBody, inDays } from '../support/fixtures.ts';
import { useTable } from '../support/table.ts';

useTable();

async function openPoll(shards: number): Promise<PollItem> {
  const now = new Date();
  const draft = await createDraft(CreateDraftBody.parse(draftBody()), now);
  await publishDraft(draft.id, { opensAt: now.toISOString(), closesAt: inDays(7) }, now);
  return createPoll({
    draftId: draft.id, question: { fi: 'Kumpi?' }, options: [{ text: { fi: 'A' } }, { text: { fi: 'B' } }, { text: { fi: 'C' } }],
    kind: 'multiple', maxChoices: 3, resultsVisibility: 'always', shards,
  }, now);
}

async function shardItems(poll: PollItem) {
  const out = await db().send(new QueryCommand({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${poll.draftId}`, ':prefix': counterPrefix(poll.id) },
    ConsistentRead: true,
  }));
  return (out.Items ?? []) as Record<string, number>[];
}

const voter = (i: number) => `counter-voter-${i}`;

describe('sharded poll counters', () => {
  it('120 ballots at once spread over the shards and sum to exactly 120', async () => {
    // Prepare
    const poll = await openPoll(8);
    const [a, b, c] = poll.options.map((o) => o.id) as [string, string, string];
    // Act
    await Promise.all(Array.from({ length: 120 }, (_, i) => castBallot(poll, voter(i), i % 2 === 0 ? [a] : [b, c])));
    // Assess
    const shards = await shardItems(poll);
    expect(shards.length).toBeGreaterThan(4);
    expect(shards.every((s) => s.total! > 0 && s.total! < 120)).toBe(true);
    expect(await resultsOf(poll, true)).toEqual({ total: 120, options: [{ id: a, count: 60 }, { id: b, count: 60 }, { id: c, count: 60 }] });
  }, 180_000);

  it('changed ballots move counts within their own shard, so no shard goes negative', async () => {
    const poll = await openPoll(4);
    const [a, b] = poll.options.map((o) => o.id) as [string, string];
    await Promise.all(Array.from({ length: 100 }, (_, i) => castBallot(poll, voter(i), [a])));
    // Act: everyone changes to b, twice at once each
    await Promise.all(Array.from({ length: 200 }, (_, i) => castBallot(poll, voter(i % 100), [b])));
    // Assess
    const shards = await shardItems(poll);
    for (const s of shards) expect(s[`option_${a}`]).toBe(0);
    expect(shards.reduce((n, s) => n + s[`option_${b}`]!, 0)).toBe(100);
    expect((await resultsOf(poll, true)).total).toBe(100);
  }, 120_000);

  it('one hot counter (shards = 1) is still exact: conflicts are retried, never lost', async () => {
    const poll = await openPoll(1);
    await Promise.all(Array.from({ length: 120 }, (_, i) => castBallot(poll, voter(i), [poll.options[i % 3]!.id])));
    expect(await shardItems(poll)).toHaveLength(1);
    expect((await resultsOf(poll, true)).options.map((o) => o.count)).toEqual([40, 40, 40]);
  });

  it('closing fences the shards: final results are exactly the accepted ballots, later ones are refused', async () => {
    // Prepare
    const poll = await openPoll(8);
    const a = poll.options[0]!.id;
    await Promise.all(Array.from({ length: 50 }, (_, i) => castBallot(poll, voter(i), [a])));
    // Act: 150 more ballots race the close
    const racing = Array.from({ length: 150 }, (_, i) => castBallot(poll, voter(1000 + i), [a]).then(() => 'accepted', (e: unknown) => e));
    await new Promise((r) => setTimeout(r, 20));
    const closed = await closePoll(poll, new Date());
    const outcomes = await Promise.all(racing);
    // Assess
    const refused = outcomes.filter((o) => o !== 'accepted');
    for (const o of refused) expect(o).toBeInstanceOf(Problem);
    for (const o of refused) expect((o as Problem).slug).toBe('participation-closed');
    const accepted = 50 + outcomes.filter((o) => o === 'accepted').length;
    expect(closed.results!.total).toBe(accepted);
    // Nothing committed after the fence: the live shards still sum to the recorded result.
    const live = await resultsOf({ ...closed, results: undefined }, true);
    expect(live).toEqual(closed.results);
    expect((await getPoll(poll.draftId, poll.id, true))!.closedAt).toBe(closed.closedAt);
    await expect(castBallot(poll, voter(5000), [a])).rejects.toMatchObject({ slug: 'participation-closed' });
  });

  it('closing twice records the results once', async () => {
    const poll = await openPoll(2);
    await castBallot(poll, voter(1), [poll.options[1]!.id]);
    const first = await closePoll(poll, new Date());
    const second = await closePoll(poll, new Date(Date.now() + 5000));
    expect(second.closedAt).toBe(first.closedAt);
    expect(second.results).toEqual(first.results);
  });

  it('a ballot item holds no user id and nothing shared with the same person\'s other ballots', async () => {
    const [one, two] = [await openPoll(2), await openPoll(2)];
    await castBallot(one, 'someone-identifiable', [one.options[0]!.id]);
    await castBallot(two, 'someone-identifiable', [two.options[0]!.id]);
    const [a, b] = [await ownBallot(one.id, 'someone-identifiable'), await ownBallot(two.id, 'someone-identifiable')];
    expect(JSON.stringify(a)).not.toContain('someone-identifiable');
    expect(a!.pk).toMatch(/^BALLOT#[0-9a-f]{64}$/);
    const { pk: _a, pollId: _p1, draftId: _d1, optionIds: _o1, ...restA } = a!;
    const { pk: _b, pollId: _p2, draftId: _d2, optionIds: _o2, ...restB } = b!;
    // What remains is bookkeeping (type, sk, revision, shard): no per-person value links the two.
    expect(Object.keys(restA).sort()).toEqual(['revision', 'shard', 'sk', 'type']);
    expect(Object.keys(restB).sort()).toEqual(['revision', 'shard', 'sk', 'type']);
  });
});
