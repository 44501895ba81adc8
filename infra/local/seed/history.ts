/**
 * The one thing the API cannot do for demo data: let time pass. A draft's participation can
 * be opened in the past but closes now; so, once the seed has told the library story through
 * the API, this moves the library draft's close (and its comments) back to when it happened,
 * three weeks before the council decided it. Written once, into a fresh demo database only.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';

/** Closes `draftId` at `closedAt` (and dates its comments `commentedAt`) as if it had happened then. */
export async function closedBack(draftId: string, closedAt: string, commentedAt: string): Promise<void> {
  await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: { pk: `DRAFT#${draftId}`, sk: 'DRAFT' },
    UpdateExpression: 'SET closesAt = :at, closedAt = :at, gsi1sk = :sk',
    ConditionExpression: 'attribute_exists(closedAt)',
    ExpressionAttributeValues: { ':at': closedAt, ':sk': `${closedAt}#${draftId}` },
  }));
  const comments = await db().send(new QueryCommand({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':prefix': 'COMMENT#' },
  }));
  for (const comment of comments.Items ?? []) {
    await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: { pk: comment.pk, sk: comment.sk },
      UpdateExpression: 'SET createdAt = :at, updatedAt = :at',
      ExpressionAttributeValues: { ':at': commentedAt },
    }));
  }
}
