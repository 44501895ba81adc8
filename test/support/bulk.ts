/**
 * Many comments at once, for tests and the bench: the repository's own item builder
 * (`commentItem`), written with BatchWrite 25 at a time, a few batches in flight. The draft's
 * counters are not touched: only what exports and erasure read is loaded.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import { commentItem, type NewComment } from '#shared/comments/repository.ts';

async function writeBatch(items: Record<string, unknown>[]): Promise<void> {
  let requests: unknown[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
  for (let round = 0; requests && requests.length > 0; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** round, 2000)));
    const out: { UnprocessedItems?: Record<string, unknown[]> } = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests as never } }));
    requests = out.UnprocessedItems?.[tableName()];
  }
}

/** Stores `count` root comments on `draftId`, by `author` (anonymous-looking residents when absent); returns their ids in order. */
export async function loadComments(
  draftId: string, count: number, author?: NewComment['author'], body = (i: number) => `Kommentti ${i}`,
  sectionOf: (i: number) => string | undefined = () => undefined,
): Promise<string[]> {
  const ids: string[] = [];
  const at = new Date();
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < count; i += 25) {
    batches.push(Array.from({ length: Math.min(25, count - i) }, (_, j) => {
      const id = newId();
      ids.push(id);
      const who = author ?? { sub: `bulk-${(i + j) % 97}`, name: `Asukas ${(i + j) % 97}`, kind: 'resident' as const };
      return { ...commentItem({ draftId, draftVersion: 1, body: body(i + j), sectionId: sectionOf(i + j), author: who }, at, id) };
    }));
  }
  for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map(writeBatch));
  return ids;
}
