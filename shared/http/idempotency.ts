/**
 * Idempotency-Key on creating POSTs: the first request with a key claims it with a
 * conditional put; a repeat with the same key and body within 24 h gets the first response
 * back and creates nothing; the same key with another body is 422; a repeat while the
 * first is still running is 409.
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { badRequest, idempotencyInProgress, idempotencyKeyReused } from '#shared/http/problem.ts';
import type { Reply } from '#shared/http/reply.ts';

const ttlSeconds = 24 * 60 * 60;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export interface Claim {
  key: { pk: string; sk: string };
  replay?: Reply;
}

/** Claims `idempotencyKey` for `scope` (caller and route) and request `fingerprint`. */
export async function claim(scope: string, idempotencyKey: string, fingerprint: string): Promise<Claim> {
  if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) throw badRequest('Idempotency-Key must be 1-255 visible ASCII characters.');
  const key = { pk: `IDEMPOTENCY#${sha256(`${scope}\n${idempotencyKey}`)}`, sk: 'IDEMPOTENCY' };
  const hash = sha256(fingerprint);
  const now = Math.floor(Date.now() / 1000);
  try {
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: { ...key, hash, state: 'pending', expiresAt: now + ttlSeconds },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': now },
    }));
    return { key };
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  if (!Item) return claim(scope, idempotencyKey, fingerprint);
  if (Item.hash !== hash) throw idempotencyKeyReused();
  if (Item.state !== 'done') throw idempotencyInProgress();
  const reply = Item.reply as Reply;
  return { key, replay: { ...reply, headers: { ...reply.headers, 'Idempotent-Replayed': 'true' } } };
}

/** Stores the first response so repeats get it back. */
export async function complete(c: Claim, reply: Reply): Promise<void> {
  await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: c.key,
    UpdateExpression: 'SET #state = :done, reply = :reply',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':done': 'done', ':reply': reply },
  }));
}

/** Frees the key after a failed request, so the client may try again. */
export async function release(c: Claim): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: c.key }));
}
