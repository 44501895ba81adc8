/**
 * Ballots: `BALLOT#<HMAC(poll, voter)>` / `BALLOT`, each in a partition of its own so a
 * popular poll spreads its ballots over the whole table. The item never holds the user id
 * nor anything shared between one person's ballots. The person reaches their own ballots
 * through a reference (`BALLOTREF#<HMAC(poll, user)>`, listed in byUser under another keyed
 * hash of the user) that holds the ballot's key sealed. A ballot and its counter shard change in one transaction.
 * A ballot records no time: beside an access log, a time could link an address to a choice.
 * Erasure empties the ballot in place: its count stays in the shard, the empty marker keeps
 * the key taken (one ballot per person holds after erasure), and the reference goes.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { ballotFinal, participationClosed } from '#shared/http/problem.ts';
import { shardUpdate } from '#shared/polls/counters.ts';
import { ballotKey, ballotOwnerKey, ballotRefKey, openBallotKey, sealBallotKey, voter } from '#shared/polls/keys.ts';
import { shardOf } from '#shared/polls/rules.ts';
import type { PollItem } from '#shared/polls/repository.ts';
import type { Ballot } from '#shared/polls/schema.ts';

export interface BallotItem {
  pk: string;
  sk: 'BALLOT';
  type: 'ballot';
  pollId: string;
  draftId: string;
  /** Absent once the ballot was erased: it still counts, but nobody can read or change it. */
  optionIds?: string[];
  shard: number;
  /** Bumped on every change: a change applies only to the ballot it read. */
  revision: number;
  erased?: true;
}

/** The reference from a person's account to their ballot (export and erasure). */
export interface BallotRefItem {
  pk: string;
  sk: 'BALLOTREF';
  type: 'ballotRef';
  sealed: string;
  userPk: string;
  userSk: string;
}

const key = (hash: string) => ({ pk: `BALLOT#${hash}`, sk: 'BALLOT' as const });

export const ballotView = (b: BallotItem): Ballot => ({
  pollId: b.pollId,
  draftId: b.draftId,
  optionIds: b.optionIds ?? [],
});

async function readBallot(hash: string, consistent: boolean): Promise<BallotItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key(hash), ConsistentRead: consistent }));
  return out.Item as BallotItem | undefined;
}

/** `sub`'s ballot in `pollId` (on strong drafts `person`'s), if they cast one and it was not erased. */
export async function ownBallot(pollId: string, sub: string, person?: string): Promise<BallotItem | undefined> {
  const ballot = await readBallot(await ballotKey(pollId, voter(sub, person)), true);
  return ballot?.erased ? undefined : ballot;
}

const sameChoice = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Per-option count changes that turn `before` into `after`. */
function moves(before: string[], after: string[]): Map<string, number> {
  const delta = new Map<string, number>();
  for (const id of before) if (!after.includes(id)) delta.set(id, -1);
  for (const id of after) if (!before.includes(id)) delta.set(id, 1);
  return delta;
}

/** The account's reference to the ballot at `hash`. */
async function ballotRef(pollId: string, sub: string, hash: string): Promise<BallotRefItem> {
  const refHash = await ballotRefKey(pollId, sub);
  return {
    pk: `BALLOTREF#${refHash}`, sk: 'BALLOTREF', type: 'ballotRef', sealed: await sealBallotKey(hash),
    userPk: await ballotOwnerKey(sub), userSk: `BALLOTREF#${refHash}`,
  };
}

/**
 * Casts or replaces `sub`'s ballot (on strong drafts: `person`'s) with `optionIds`, already
 * valid for the poll. The caller has checked that the draft is open; the shard's fence
 * refuses a ballot that arrives after the poll's final count (409). A concurrent change by
 * the same person is retried on a fresh read. An erased ballot is final (409).
 */
export async function castBallot(poll: PollItem, sub: string, optionIds: string[], person?: string): Promise<BallotItem> {
  const hash = await ballotKey(poll.id, voter(sub, person));
  const shard = shardOf(hash, poll.shards);
  const ref = await ballotRef(poll.id, sub, hash);
  for (let attempt = 0; attempt < 8; attempt++) {
    const existing = await readBallot(hash, true);
    if (existing?.erased || (existing && !existing.optionIds)) throw ballotFinal();
    if (existing && sameChoice(existing.optionIds!, optionIds)) return existing;
    const next: BallotItem = existing
      ? { ...existing, optionIds, revision: existing.revision + 1 }
      : { ...key(hash), type: 'ballot', pollId: poll.id, draftId: poll.draftId, optionIds, shard, revision: 1 };
    const items: TransactItem[] = [
      existing
        ? { Put: { TableName: tableName(), Item: next, ConditionExpression: 'revision = :seen', ExpressionAttributeValues: { ':seen': existing.revision } } }
        : { Put: { TableName: tableName(), Item: next, ConditionExpression: 'attribute_not_exists(pk)' } },
      existing
        ? shardUpdate(poll.draftId, poll.id, existing.shard, moves(existing.optionIds!, optionIds), 0)
        : shardUpdate(poll.draftId, poll.id, shard, moves([], optionIds), 1),
      // The account's way back to it (a second account of the same person gets one too).
      { Put: { TableName: tableName(), Item: ref } },
    ];
    try {
      await transact(items);
      return next;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(1)) throw participationClosed();
      // failed(0): the same person's other request got there first; read it and try again.
    }
  }
  throw new Error('ballot kept changing under concurrent requests');
}

/** The ballots the account's references lead to (their own export). */
export async function referencedBallots(refs: { sealed: string }[]): Promise<BallotItem[]> {
  const keys = await Promise.all(refs.map(async (r) => key(await openBallotKey(r.sealed))));
  const found: BallotItem[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let batch: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let round = 0; batch && batch.length > 0 && round < 5; round++) {
      const out = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: batch, ConsistentRead: true } } }));
      found.push(...((out.Responses?.[tableName()] ?? []) as BallotItem[]));
      batch = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return found.filter((b) => !b.erased);
}

/**
 * Erasure of one ballot, in one transaction: the ballot keeps its key and its count but
 * loses its choice (nothing, not even the secret, tells what this person chose), and the
 * account's reference goes.
 */
export async function eraseBallot(ref: BallotRefItem): Promise<void> {
  const hash = await openBallotKey(ref.sealed);
  await transact([
    {
      Update: {
        TableName: tableName(),
        Key: key(hash),
        UpdateExpression: 'SET erased = :true REMOVE optionIds',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':true': true },
      },
    },
    { Delete: { TableName: tableName(), Key: { pk: ref.pk, sk: ref.sk } } },
  ]).catch(async (error) => {
    if (!(error instanceof TransactionCancelled)) throw error;
    // No ballot behind it (never stored): only the reference goes.
    await transact([{ Delete: { TableName: tableName(), Key: { pk: ref.pk, sk: ref.sk } } }]);
  });
}

/** Which of `pollIds` `sub` has a ballot in: one BatchGetItem (results shown after voting). */
export async function votedIn(pollIds: string[], sub: string, person?: string): Promise<Set<string>> {
  const voted = new Set<string>();
  if (pollIds.length === 0) return voted;
  const byHash = new Map<string, string>();
  for (const pollId of pollIds) byHash.set(`BALLOT#${await ballotKey(pollId, voter(sub, person))}`, pollId);
  let keys: Record<string, unknown>[] | undefined = [...byHash.keys()].map((pk) => ({ pk, sk: 'BALLOT' }));
  for (let round = 0; keys && keys.length > 0 && round < 5; round++) {
    const out = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ProjectionExpression: 'pk' } } }));
    for (const item of out.Responses?.[tableName()] ?? []) voted.add(byHash.get(item.pk as string)!);
    keys = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
  }
  return voted;
}
