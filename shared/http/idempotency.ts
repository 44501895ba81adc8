/**
 * Idempotency-Key on creating POSTs. The first request with a key claims it with a
 * conditional put that also fixes the id the created resource will take; a repeat with the
 * same key and body within 24 h gets the first response back and creates nothing; the same
 * key with another body is 422; a repeat while the first still runs is 409 with Retry-After.
 *
 * An attempt that never finished (a crash, a timeout) holds its key only for a short lease.
 * A retry after the lease takes the key over with the same resource id, so the resource is
 * stored at most once whatever happened to the first attempt: if it was stored, the retry
 * answers it; if not, the retry stores it.
 *
 * The record keeps no personal data: the status, the headers and the resource's location,
 * never the body. A replay rebuilds the body from the resource as it is now (so a comment
 * erased or hidden since shows as such). Records carry the caller's byUser key, so erasure
 * deletes them.
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { badRequest, idempotencyInProgress, idempotencyKeyReused } from '#shared/http/problem.ts';
import type { Reply } from '#shared/http/reply.ts';

const ttlSeconds = 24 * 60 * 60;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** How long an unfinished attempt holds its key (IDEMPOTENCY_LEASE_SECONDS, at most 60). */
export const leaseSeconds = (): number => {
  const n = Number(process.env.IDEMPOTENCY_LEASE_SECONDS);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 60) : 30;
};

/** A finished attempt as stored: no body, which is rebuilt from the resource. */
export interface StoredReply {
  status: number;
  headers: Record<string, string>;
}

export interface Claim {
  key: { pk: string; sk: string };
  /** The id the created resource takes, the same on every attempt with this key. */
  resourceId: string;
  /** The first attempt finished with this answer. */
  done?: StoredReply;
  /** An earlier attempt with this key never finished; this one took over after its lease. */
  resumed: boolean;
}

interface KeyRecord {
  hash: string;
  state: 'pending' | 'done';
  resourceId: string;
  leaseUntil?: number;
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Claims `idempotencyKey` for `scope` (caller and route) and request `fingerprint`.
 * `owner` is the caller's sub, so that erasure finds and deletes the record.
 */
export async function claim(scope: string, idempotencyKey: string, fingerprint: string, owner?: string): Promise<Claim> {
  if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) throw badRequest('Idempotency-Key must be 1-255 visible ASCII characters.');
  const key = { pk: `IDEMPOTENCY#${sha256(`${scope}\n${idempotencyKey}`)}`, sk: 'IDEMPOTENCY' };
  const hash = sha256(fingerprint);
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = Math.floor(Date.now() / 1000);
    const resourceId = newId();
    try {
      await db().send(new PutCommand({
        TableName: tableName(),
        Item: {
          ...key, type: 'idempotency', hash, state: 'pending', resourceId, leaseUntil: now + leaseSeconds(), expiresAt: now + ttlSeconds,
          ...(owner ? { userPk: `USER#${owner}`, userSk: `IDEMPOTENCY#${key.pk.slice('IDEMPOTENCY#'.length)}` } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': now },
      }));
      return { key, resourceId, resumed: false };
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    const record = Item as KeyRecord | undefined;
    if (!record) continue; // released meanwhile: claim it afresh
    if (record.hash !== hash) throw idempotencyKeyReused();
    if (record.state === 'done') return { key, resourceId: record.resourceId, resumed: false, done: { status: record.status!, headers: record.headers ?? {} } };
    const leaseUntil = record.leaseUntil ?? 0;
    if (leaseUntil > now) throw idempotencyInProgress(leaseUntil - now);
    // The lease ran out: the first attempt died. Take the key over, once, with its resource id.
    try {
      await db().send(new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET leaseUntil = :lease',
        ConditionExpression: '#state = :pending AND leaseUntil = :seen',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':lease': now + leaseSeconds(), ':pending': 'pending', ':seen': leaseUntil },
      }));
      return { key, resourceId: record.resourceId, resumed: true };
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      // another retry took it over or it finished: look again
    }
  }
  throw idempotencyInProgress(1);
}

/** Records how the request ended: its status and headers, not its body. */
export async function complete(c: Claim, reply: Reply): Promise<void> {
  await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: c.key,
    UpdateExpression: 'SET #state = :done, #status = :status, headers = :headers REMOVE leaseUntil',
    ExpressionAttributeNames: { '#state': 'state', '#status': 'status' },
    ExpressionAttributeValues: { ':done': 'done', ':status': reply.status, ':headers': reply.headers ?? {} },
  }));
}

/** Frees the key after a request that certainly stored nothing, so the client may try again. */
export async function release(c: Claim): Promise<void> {
  await db().send(new DeleteCommand({
    TableName: tableName(),
    Key: c.key,
    ConditionExpression: '#state = :pending AND resourceId = :id',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':pending': 'pending', ':id': c.resourceId },
  })).catch((error) => {
    if (!conditionFailed(error)) throw error;
  });
}
