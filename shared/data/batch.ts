/**
 * Items by key, 100 per BatchGetItem (its most), following unprocessed keys a bounded number
 * of times; keys that stay unprocessed throw as throttling (the caller answers 503). Missing
 * items are simply absent from the result.
 */
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';

export interface GetItemsOptions {
  consistent?: boolean;
  /** Attributes to read (a ProjectionExpression; names in `names`). */
  projection?: string;
  names?: Record<string, string>;
}

const attempts = 8;

export async function getItems<T = Record<string, unknown>>(keys: Record<string, unknown>[], options: GetItemsOptions = {}): Promise<T[]> {
  const found: T[] = [];
  const seen = new Set<string>();
  const unique = keys.filter((k) => {
    const id = JSON.stringify([k.pk, k.sk]);
    return seen.has(id) ? false : (seen.add(id), true);
  });
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0 && attempt < attempts; attempt++) {
      const out: BatchGetCommandOutput = await db().send(new BatchGetCommand({
        RequestItems: {
          [tableName()]: {
            Keys: pending,
            ...(options.consistent ? { ConsistentRead: true } : {}),
            ...(options.projection ? { ProjectionExpression: options.projection } : {}),
            ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
          },
        },
      }));
      found.push(...((out.Responses?.[tableName()] ?? []) as T[]));
      pending = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
    }
    if (pending && pending.length > 0) throw Object.assign(new Error('BatchGetItem kept leaving keys unprocessed'), { name: 'ThrottlingException' });
  }
  return found;
}
