/**
 * What was mailed, so nothing is sent twice: `MAILED#<sub>` / `<what>` (a notification's id,
 * or a digest run) is put once, conditionally, before the message goes; a send that fails
 * takes it back so a retry can send. Kept 60 days (longer than any redelivery or rerun comes),
 * and found by byUser, so erasure deletes it with the rest of the person's data.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';

const keepSeconds = 60 * 86_400;

const key = (sub: string, what: string) => ({ pk: `MAILED#${sub}`, sk: what });

/** Claims the sending of `what` to `sub`; false when it was claimed (sent) before. */
export async function claimSending(sub: string, what: string, now = new Date()): Promise<boolean> {
  try {
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: {
        ...key(sub, what), type: 'mailSent', at: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + keepSeconds,
        userPk: `USER#${sub}`, userSk: `MAIL#SENT#${what}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** Takes a claim back (the message could not be sent). */
export async function releaseSending(sub: string, what: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: key(sub, what) }));
}
