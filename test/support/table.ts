/**
 * The test file's own table, read whole. Only tests Scan: the request paths never do.
 * `scanTable()` is how a test proves that a rejected request stored nothing.
 */
import { beforeAll } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { ensureTable } from '#infra/local/dynamodb.ts';

/** Creates this test file's table (for tests that call repositories without the HTTP runtime). */
export function useTable(): void {
  beforeAll(async () => {
    await ensureTable(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_NAME!);
  });
}

export type Item = Record<string, unknown>;

/** Every item in the table, in key order, read consistently. */
export async function scanTable(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  const key = (i: Item) => `${String(i.pk)}\u0000${String(i.sk)}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
