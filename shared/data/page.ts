/**
 * One page of one Query, with the continuation sealed into an opaque cursor bound to the
 * list it came from. Every list endpoint goes through here.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { openCursor, sealCursor } from '#shared/http/cursor.ts';
import type { Page } from '#shared/schema.ts';

export type PageQueryInput = Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>;

export async function queryPage<T>(
  input: PageQueryInput,
  options: { limit: number; cursor?: string; scope: string },
  view: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const scope = `${input.IndexName ?? 'table'}|${options.scope}`;
  const out = await db().send(new QueryCommand({
    ...input,
    TableName: tableName(),
    Limit: options.limit,
    ExclusiveStartKey: await openCursor(options.cursor, scope),
  }));
  return { items: (out.Items ?? []).map(view), nextCursor: await sealCursor(out.LastEvaluatedKey, scope) };
}

/** Every item one Query matches, following its pages: exports, erasure and roll-ups that need the whole collection. */
export async function queryAll<T = Record<string, unknown>>(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
