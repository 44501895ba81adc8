/**
 * Who has been erased, without saying who: `ERASED#<HMAC(sub)>` records when a person's
 * data was erased. API Gateway cannot revoke a token it has verified, so every
 * authenticated request asks here, and a token issued at or before the erasure is refused.
 */
import { createHmac } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { derivedKey } from '#shared/secret.ts';

/** The keyed hash that stands for an erased person: names their erasure record and erasure job, not them. */
export const erasureRef = async (sub: string): Promise<string> =>
  createHmac('sha256', await derivedKey('erased')).update(sub, 'utf8').digest('hex');

const key = async (sub: string) => ({ pk: `ERASED#${await erasureRef(sub)}`, sk: 'ERASED' });

/** Records that `sub` was erased at `at`: their tokens issued until then stop working. */
export async function markErased(sub: string, at: Date): Promise<void> {
  await db().send(new PutCommand({
    TableName: tableName(),
    Item: { ...(await key(sub)), type: 'erasure', erasedAt: Math.floor(at.getTime() / 1000) },
  }));
}

/** True when `sub` was erased at or after `issuedAt` (a token without `iat` counts as old). */
export async function erasedSince(sub: string, issuedAt: number | undefined): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: await key(sub), ConsistentRead: true }));
  return Item !== undefined && (issuedAt === undefined || issuedAt <= Number(Item.erasedAt));
}
