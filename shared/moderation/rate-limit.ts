/**
 * The per-draft limit on anonymous comments from one client address: a fixed-window counter
 * item `RATE#<draftId>#<HMAC(address)>` / `WINDOW#<start>`, incremented with a conditional
 * update and expired by TTL. The address is stored only as a keyed hash, never raw.
 */
import { createHmac } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { tooManyRequests } from '#shared/http/problem.ts';
import { derivedKey } from '#shared/secret.ts';

/** Counts one anonymous comment from `address` on `draftId`, or answers 429 with Retry-After. */
export async function admitAnonymous(draftId: string, address: string, limit: number, windowSeconds: number, now: Date): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const start = nowSeconds - (nowSeconds % windowSeconds);
  const client = createHmac('sha256', await derivedKey('client-address')).update(address).digest('base64url');
  try {
    await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `RATE#${draftId}#${client}`, sk: `WINDOW#${start}` },
      UpdateExpression: 'ADD hits :one SET expiresAt = :expires, #type = :type',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': start + windowSeconds + 60, ':type': 'rateWindow' },
    }));
  } catch (error) {
    if (conditionFailed(error)) throw tooManyRequests(Math.max(1, start + windowSeconds - nowSeconds));
    throw error;
  }
}
