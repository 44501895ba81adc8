/**
 * Residents flag comments: one flag per person per comment (`DRAFT#<draftId>` /
 * `FLAG#<commentId>#<HMAC(sub)>`, a conditional put; the key outlives the person's erasure). A flag counts on the comment in the same
 * transaction and puts it in the moderation queue (byFlags: `flagPk = QUEUE`, by flagCount).
 * With a deployment threshold K, the flag that makes K open flags from distinct people
 * also hides the comment, pending a moderator's review.
 */
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { alreadyFlagged, commentNotVisible, notFound } from '#shared/http/problem.ts';
import { commentKey, getComment } from '#shared/comments/repository.ts';
import { countVisible, logEntry, reasonAttribute } from '#shared/moderation/actions.ts';
import type { FlagReason } from '#shared/moderation/schema.ts';
import { markerOf } from '#shared/me/marks.ts';

export const queuePartition = 'QUEUE';
export const flagKey = async (draftId: string, commentId: string, sub: string) =>
  ({ pk: `DRAFT#${draftId}`, sk: `FLAG#${commentId}#${await markerOf(sub)}` });

export interface NewFlag {
  draftId: string;
  commentId: string;
  sub: string;
  reason: FlagReason;
  note?: string;
}

/** Records `flag`; 409 when this person already flagged the comment or it is not visible. Returns whether it hid the comment. */
export async function flagComment(flag: NewFlag, autoHideAt: number, now: Date): Promise<{ hidden: boolean }> {
  const at = now.toISOString();
  const key = await flagKey(flag.draftId, flag.commentId, flag.sub);
  for (let attempt = 0; attempt < 12; attempt++) {
    const comment = await getComment(flag.draftId, flag.commentId, true);
    if (!comment) throw notFound('Comment');
    if (comment.status !== 'visible') throw commentNotVisible();
    const hide = autoHideAt > 0 && comment.flagCount + 1 >= autoHideAt;
    const reason = `Hidden automatically after ${autoHideAt} flags, pending review`;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...key, type: 'flag', draftId: flag.draftId, commentId: flag.commentId,
            reason: flag.reason, note: flag.note, createdAt: at, userPk: `USER#${flag.sub}`, userSk: `FLAG#${flag.draftId}#${flag.commentId}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: commentKey(flag.draftId, flag.commentId),
          UpdateExpression: `SET flagPk = :queue${hide ? ', #status = :hidden, moderation = :moderation, updatedAt = :at' : ''} ADD flagCount :one, #reason :one`,
          // The exact count read above: K distinct flags hide exactly once.
          ConditionExpression: '#status = :visible AND flagCount = :seen',
          ExpressionAttributeNames: { '#status': 'status', '#reason': reasonAttribute(flag.reason) },
          ExpressionAttributeValues: {
            ':queue': queuePartition, ':one': 1, ':visible': 'visible', ':seen': comment.flagCount,
            ...(hide ? { ':hidden': 'hidden', ':moderation': { reason, at }, ':at': at } : {}),
          },
        },
      },
    ];
    if (hide) items.push(countVisible(flag.draftId, -1), logEntry(flag.draftId, flag.commentId, 'hidden', reason, at, true));
    try {
      await transact(items);
      return { hidden: hide };
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(0)) throw alreadyFlagged();
      // failed(1): another flag or a moderator got there first; read again.
    }
  }
  throw new Error('comment kept changing while flagging');
}
