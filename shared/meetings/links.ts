/** What an agenda links to outside the meeting: the drafts its items name must exist. */
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { draftKey } from '#shared/drafts/repository.ts';

/** The ids among `ids` that name an existing draft (published or not: staff prepare both). */
export async function existingDraftIds(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  let pending: Record<string, unknown>[] = [...new Set(ids)].map(draftKey);
  for (let attempt = 0; pending.length > 0 && attempt < 8; attempt++) {
    const out: BatchGetCommandOutput = await db().send(new BatchGetCommand({
      RequestItems: { [tableName()]: { Keys: pending.slice(0, 100), ProjectionExpression: 'id' } },
    }));
    for (const item of out.Responses?.[tableName()] ?? []) found.add(item.id as string);
    pending = [...(out.UnprocessedKeys?.[tableName()]?.Keys ?? []), ...pending.slice(100)];
  }
  return found;
}
