/**
 * Reading a place index: places are stored under their enclosing geohash cell (`<cell>#<id>`
 * as the sort key of one index partition), and a box is searched with the bounded set of
 * key conditions `searchPlan` makes. Never a Scan, never a filter over more than the cells
 * the box touches.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryAll } from '#shared/data/page.ts';
import { tableName, type IndexName } from '#shared/data/table.ts';
import { openCursor, sealCursor } from '#shared/http/cursor.ts';
import type { Page } from '#shared/schema.ts';
import { searchPlan, type Box } from '#shared/maps/geohash.ts';

export interface PlaceIndex {
  index: IndexName;
  /** The partition key attribute of the index, e.g. `gsi3pk`. */
  pk: string;
  sk: string;
  /** The partition holding these places. */
  partition: string;
  /** Longest cell stored. */
  precision: number;
}

const condition = (ix: PlaceIndex, prefix: string) => ({
  IndexName: ix.index,
  KeyConditionExpression: prefix ? `${ix.pk} = :pk AND begins_with(${ix.sk}, :prefix)` : `${ix.pk} = :pk`,
  ExpressionAttributeValues: { ':pk': ix.partition, ...(prefix ? { ':prefix': prefix } : {}) },
});

/** Every place that may touch `box` (by its cell): for short collections such as the drafts. */
export async function placesNear<T>(ix: PlaceIndex, box: Box): Promise<T[]> {
  const found = await Promise.all(searchPlan(box, ix.precision).map(({ prefix }) => queryAll<T>(condition(ix, prefix))));
  return found.flat();
}

/**
 * One page of the places that touch `box` (as `keep` decides), query after query of the plan.
 * A page may hold fewer than `limit` items while `nextCursor` says there are more to look at.
 */
export async function placesPage<T>(
  ix: PlaceIndex, box: Box, page: { limit: number; cursor?: string; scope: string }, keep: (item: Record<string, unknown>) => T | undefined,
): Promise<Page<T>> {
  const plan = searchPlan(box, ix.precision);
  const scope = `${ix.index}|places|${page.scope}|${box.join(',')}`;
  const at = await openCursor(page.cursor, scope);
  let step = typeof at?.q === 'number' && Number.isInteger(at.q) && at.q >= 0 && at.q < plan.length ? at.q : 0;
  let start = at?.key as Record<string, unknown> | undefined;
  const items: T[] = [];
  // A page costs a bounded number of Queries, however many places the filter turns away.
  for (let calls = 0; step < plan.length && items.length < page.limit && calls < plan.length + 4; calls++) {
    const out = await db().send(new QueryCommand({
      ...condition(ix, plan[step]!.prefix), TableName: tableName(), Limit: page.limit - items.length, ExclusiveStartKey: start,
    }));
    for (const item of out.Items ?? []) {
      const kept = keep(item);
      if (kept !== undefined) items.push(kept);
    }
    if (out.LastEvaluatedKey) {
      start = out.LastEvaluatedKey;
      if (items.length >= page.limit) break;
    } else {
      step++;
      start = undefined;
    }
  }
  const next = step < plan.length ? await sealCursor({ q: step, ...(start ? { key: start } : {}) }, scope) : null;
  return { items, nextCursor: next };
}
