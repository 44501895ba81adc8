/**
 * Polls in their draft's item collection: `DRAFT#<draftId>` / `POLL#<pollId>`, with the
 * counter shards beside them (`POLLCOUNT#…`, see counters.ts). Ballots live in their own
 * partitions (see ballots.ts). A poll takes ballots while its draft is open; closing
 * records the final results on the poll item, which the stream publishes as PollClosed.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryAll, queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, conditionFailed, transact } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { participationClosed } from '#shared/http/problem.ts';
import type { Localized, Page } from '#shared/schema.ts';
import { draftListingKey } from '#shared/drafts/repository.ts';
import { fenceShards, readShards, sumShards } from '#shared/polls/counters.ts';
import type { PollResults, PollType, ResultsVisibility } from '#shared/polls/schema.ts';

export interface PollItem {
  pk: string;
  sk: string;
  type: 'poll';
  id: string;
  draftId: string;
  sectionId?: string;
  question: Localized;
  options: { id: string; text: Localized }[];
  /** single or multiple (`type` names the entity). */
  kind: PollType;
  maxChoices: number;
  resultsVisibility: ResultsVisibility;
  /** Counter shards, fixed at creation. */
  shards: number;
  createdAt: string;
  /** Set once, when the poll's draft closed; `results` are then final. */
  closedAt?: string;
  results?: PollResults;
}

export const pollKey = (draftId: string, id: string) => ({ pk: `DRAFT#${draftId}`, sk: `POLL#${id}` });

export interface NewPoll {
  draftId: string;
  sectionId?: string;
  question: Localized;
  options: { text: Localized }[];
  kind: PollType;
  maxChoices: number;
  resultsVisibility: ResultsVisibility;
  shards: number;
}

/** Stores a poll on a draft that has not closed; 409 when it has. */
export async function createPoll(input: NewPoll, now: Date, id: string = newId()): Promise<PollItem> {
  const at = now.toISOString();
  const item: PollItem = {
    ...pollKey(input.draftId, id),
    type: 'poll',
    id,
    draftId: input.draftId,
    sectionId: input.sectionId,
    question: input.question,
    options: input.options.map((o) => ({ id: newId(), text: o.text })),
    kind: input.kind,
    maxChoices: input.maxChoices,
    resultsVisibility: input.resultsVisibility,
    shards: input.shards,
    createdAt: at,
  };
  try {
    await transact([
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: draftListingKey(input.draftId),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(decisionId) AND (attribute_not_exists(closesAt) OR closesAt > :now)',
          ExpressionAttributeValues: { ':now': at },
        },
      },
      { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failed(0)) throw participationClosed();
    throw error;
  }
  return item;
}

export async function getPoll(draftId: string, id: string, consistent = false): Promise<PollItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: pollKey(draftId, id), ConsistentRead: consistent }));
  return out.Item as PollItem | undefined;
}

/** A poll's results: final once closed, else summed from its shards now. */
export async function resultsOf(poll: PollItem, consistent = false): Promise<PollResults> {
  if (poll.results) return poll.results;
  const shards = await readShards(poll.draftId, poll.id, poll.id, consistent);
  return sumShards(poll.options, shards.get(poll.id) ?? []);
}

/** One page of a draft's polls (oldest first) with their live results: two Queries. */
export async function listPolls(draftId: string, page: { limit: number; cursor?: string }): Promise<Page<{ poll: PollItem; results: PollResults }>> {
  const polls = await queryPage({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':prefix': 'POLL#' },
  }, { ...page, scope: `polls:${draftId}` }, (item) => item as unknown as PollItem);
  const open = polls.items.filter((p) => !p.results);
  const shards = open.length > 0 ? await readShards(draftId, open[0]!.id, open[open.length - 1]!.id) : new Map();
  return {
    items: polls.items.map((poll) => ({ poll, results: poll.results ?? sumShards(poll.options, shards.get(poll.id) ?? []) })),
    nextCursor: polls.nextCursor,
  };
}

/** Every poll of a draft (exports and closing), following pages internally. */
export async function allPolls(draftId: string, consistent = false): Promise<PollItem[]> {
  return queryAll<PollItem>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':prefix': 'POLL#' },
    ConsistentRead: consistent,
  });
}

/**
 * Closes a poll for good: fences its shards, then sums them and records the final results.
 * Every ballot that committed before the fence is in the sum; none can commit after it.
 * Idempotent: a poll closes once, and a repeat returns the recorded results.
 */
export async function closePoll(poll: PollItem, now: Date): Promise<PollItem> {
  if (poll.closedAt) return poll;
  const at = now.toISOString();
  await fenceShards(poll.draftId, poll.id, poll.shards, at);
  const results = await resultsOf(poll, true);
  try {
    const out = await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: pollKey(poll.draftId, poll.id),
      UpdateExpression: 'SET closedAt = :at, results = :results',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedAt)',
      ExpressionAttributeValues: { ':at': at, ':results': results },
      ReturnValues: 'ALL_NEW',
    }));
    return out.Attributes as PollItem;
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    return (await getPoll(poll.draftId, poll.id, true)) ?? poll;
  }
}

/** Closes every poll of a draft whose participation has ended (the DraftClosed consumer). */
export async function closeDraftPolls(draftId: string, now: Date): Promise<PollItem[]> {
  const polls = await allPolls(draftId, true);
  return Promise.all(polls.map((poll) => closePoll(poll, now)));
}
