/**
 * Poll counts, write-sharded. Why: with one counter item per poll, every ballot transaction
 * touches the same item — DynamoDB caps one item at about 1,000 writes/s and concurrent
 * transactions on one item cancel each other (TransactionConflict) — so a popular poll
 * would serialise. Instead each poll has `shards` counter items in its draft's collection,
 * `POLLCOUNT#<pollId>#<nn>`, each holding `total` and one number per option. A ballot
 * always writes the shard its (random-looking) ballot key picks, in the same transaction
 * as the ballot itself, so:
 *   - counts are exact: a count changes only together with the ballot it counts;
 *   - concurrent ballots conflict only when they pick the same shard (1/shards of pairs),
 *     and the shards are separate items that DynamoDB can spread over partitions;
 *   - a changed ballot moves its counts inside one shard, so no shard ever goes negative;
 *   - reading the results is one Query over the shards, summed here.
 * Closing fences every shard (`closedAt`), so no ballot can commit after the final count.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import type { PollResults } from '#shared/polls/schema.ts';

const pad = (shard: number) => String(shard).padStart(2, '0');
export const counterPrefix = (pollId: string) => `POLLCOUNT#${pollId}#`;
export const counterKey = (draftId: string, pollId: string, shard: number) => ({
  pk: `DRAFT#${draftId}`,
  sk: `${counterPrefix(pollId)}${pad(shard)}`,
});

/** The attribute holding one option's count on a shard (ADD works only on top-level attributes). */
export const optionAttribute = (optionId: string) => `option_${optionId}`;

type CounterItem = Record<string, unknown> & { pollId: string };

/** Sums shard items into results, options in the poll's order. */
export function sumShards(options: { id: string }[], shards: Record<string, unknown>[]): PollResults {
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    total: shards.reduce((sum, s) => sum + number(s.total), 0),
    options: options.map((o) => ({ id: o.id, count: shards.reduce((sum, s) => sum + number(s[optionAttribute(o.id)]), 0) })),
  };
}

/** Every counter shard of the polls between `firstPollId` and `lastPollId` (ids sort), in one Query. */
export async function readShards(draftId: string, firstPollId: string, lastPollId: string, consistent = false): Promise<Map<string, CounterItem[]>> {
  const byPoll = new Map<string, CounterItem[]>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':from': counterPrefix(firstPollId), ':to': `${counterPrefix(lastPollId)}~` },
      ConsistentRead: consistent,
      ExclusiveStartKey: start,
    }));
    for (const item of (out.Items ?? []) as CounterItem[]) byPoll.set(item.pollId, [...(byPoll.get(item.pollId) ?? []), item]);
    start = out.LastEvaluatedKey;
  } while (start);
  return byPoll;
}

/** The update a ballot makes on its shard: `delta` per option, `totalDelta` on the ballot count. */
export function shardUpdate(draftId: string, pollId: string, shard: number, delta: Map<string, number>, totalDelta: number) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pollId': pollId, ':draftId': draftId, ':shard': shard, ':type': 'pollCounter' };
  const adds: string[] = [];
  if (totalDelta !== 0) {
    adds.push('#total :total');
    names['#total'] = 'total';
    values[':total'] = totalDelta;
  }
  [...delta].forEach(([optionId, d], i) => {
    adds.push(`#o${i} :d${i}`);
    names[`#o${i}`] = optionAttribute(optionId);
    values[`:d${i}`] = d;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: counterKey(draftId, pollId, shard),
      UpdateExpression: `SET pollId = :pollId, draftId = :draftId, #shard = :shard, #type = :type ADD ${adds.join(', ')}`,
      ConditionExpression: 'attribute_not_exists(closedAt)',
      ExpressionAttributeNames: { ...names, '#type': 'type', '#shard': 'shard' },
      ExpressionAttributeValues: values,
    },
  };
}

/** Fences every shard: from now on a ballot transaction on this poll fails its condition. */
export async function fenceShards(draftId: string, pollId: string, shards: number, at: string): Promise<void> {
  await Promise.all(Array.from({ length: shards }, (_, shard) => db().send(new UpdateCommand({
    TableName: tableName(),
    Key: counterKey(draftId, pollId, shard),
    UpdateExpression: 'SET closedAt = if_not_exists(closedAt, :at), pollId = :pollId, draftId = :draftId, #shard = :shard, #type = :type',
    ExpressionAttributeNames: { '#type': 'type', '#shard': 'shard' },
    ExpressionAttributeValues: { ':at': at, ':pollId': pollId, ':draftId': draftId, ':shard': shard, ':type': 'pollCounter' },
  }))));
}
