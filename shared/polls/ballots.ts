/**
 * Ballots: `BALLOT#<HMAC(poll, user)>` / `BALLOT`, each in a partition of its own so a
 * popular poll spreads its ballots over the whole table. The item never holds the user id;
 * the owner's index key (byUser: `BALLOTS#<HMAC(user)>`) lets the person read and export
 * their own ballots. A ballot and its counter shard change in one transaction.
 * A ballot records no time: beside an access log, a time could link an address to a choice.
 */
import { randomBytes } from 'node:crypto';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { participationClosed } from '#shared/http/problem.ts';
import { shardUpdate } from '#shared/polls/counters.ts';
import { ballotKey, ballotOwnerKey } from '#shared/polls/keys.ts';
import { shardOf } from '#shared/polls/rules.ts';
import type { PollItem } from '#shared/polls/repository.ts';
import type { Ballot } from '#shared/polls/schema.ts';

export interface BallotItem {
  pk: string;
  sk: 'BALLOT';
  type: 'ballot';
  pollId: string;
  draftId: string;
  optionIds: string[];
  shard: number;
  /** Bumped on every change: a change applies only to the ballot it read. */
  revision: number;
  userPk?: string;
  userSk?: string;
}

const key = (hash: string) => ({ pk: `BALLOT#${hash}`, sk: 'BALLOT' as const });
export const ownerIndexKey = (ownerHash: string) => `BALLOTS#${ownerHash}`;

export const ballotView = (b: BallotItem): Ballot => ({
  pollId: b.pollId,
  draftId: b.draftId,
  optionIds: b.optionIds,
});

async function readBallot(hash: string, consistent: boolean): Promise<BallotItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key(hash), ConsistentRead: consistent }));
  return out.Item as BallotItem | undefined;
}

/** `sub`'s ballot in `pollId`, if they cast one. */
export async function ownBallot(pollId: string, sub: string): Promise<BallotItem | undefined> {
  return readBallot(await ballotKey(pollId, sub), true);
}

const sameChoice = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Per-option count changes that turn `before` into `after`. */
function moves(before: string[], after: string[]): Map<string, number> {
  const delta = new Map<string, number>();
  for (const id of before) if (!after.includes(id)) delta.set(id, -1);
  for (const id of after) if (!before.includes(id)) delta.set(id, 1);
  return delta;
}

/**
 * Casts or replaces `sub`'s ballot with `optionIds` (already valid for the poll). The caller
 * has checked that the draft is open; the shard's fence refuses a ballot that arrives after
 * the poll's final count (409). A concurrent change by the same person is retried on a fresh read.
 */
export async function castBallot(poll: PollItem, sub: string, optionIds: string[]): Promise<BallotItem> {
  const hash = await ballotKey(poll.id, sub);
  const shard = shardOf(hash, poll.shards);
  for (let attempt = 0; attempt < 8; attempt++) {
    const existing = await readBallot(hash, true);
    if (existing && sameChoice(existing.optionIds, optionIds)) return existing;
    const next: BallotItem = existing
      ? { ...existing, optionIds, revision: existing.revision + 1 }
      : {
          ...key(hash), type: 'ballot', pollId: poll.id, draftId: poll.draftId, optionIds, shard, revision: 1,
          userPk: ownerIndexKey(await ballotOwnerKey(sub)), userSk: `BALLOT#${poll.id}`,
        };
    const items: TransactItem[] = [
      existing
        ? { Put: { TableName: tableName(), Item: next, ConditionExpression: 'revision = :seen', ExpressionAttributeValues: { ':seen': existing.revision } } }
        : { Put: { TableName: tableName(), Item: next, ConditionExpression: 'attribute_not_exists(pk)' } },
      existing
        ? shardUpdate(poll.draftId, poll.id, existing.shard, moves(existing.optionIds, optionIds), 0)
        : shardUpdate(poll.draftId, poll.id, shard, moves([], optionIds), 1),
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

/**
 * Erasure: moves a ballot to a random key with no owner, in one transaction. It stays
 * counted (its shard is untouched) but nothing, not even the secret, links it to the person.
 */
export async function unlinkBallot(ballot: BallotItem): Promise<void> {
  const { userPk: _owner, userSk: _ownerSort, ...rest } = ballot;
  try {
    await transact([
      { Delete: { TableName: tableName(), Key: key(ballot.pk.slice('BALLOT#'.length)), ConditionExpression: 'revision = :seen', ExpressionAttributeValues: { ':seen': ballot.revision } } },
      { Put: { TableName: tableName(), Item: { ...rest, ...key(randomBytes(32).toString('hex')), unlinked: true }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    // Changed or unlinked meanwhile: take the current one, if any.
    const current = await readBallot(ballot.pk.slice('BALLOT#'.length), true);
    if (current?.userPk) await unlinkBallot(current);
  }
}

/** Which of `pollIds` `sub` has a ballot in: one BatchGetItem (results shown after voting). */
export async function votedIn(pollIds: string[], sub: string): Promise<Set<string>> {
  const voted = new Set<string>();
  if (pollIds.length === 0) return voted;
  const byHash = new Map<string, string>();
  for (const pollId of pollIds) byHash.set(`BALLOT#${await ballotKey(pollId, sub)}`, pollId);
  let keys: Record<string, unknown>[] | undefined = [...byHash.keys()].map((pk) => ({ pk, sk: 'BALLOT' }));
  for (let round = 0; keys && keys.length > 0 && round < 5; round++) {
    const out = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ProjectionExpression: 'pk' } } }));
    for (const item of out.Responses?.[tableName()] ?? []) voted.add(byHash.get(item.pk as string)!);
    keys = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
  }
  return voted;
}
