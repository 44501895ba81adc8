/**
 * What moderators (and the flag threshold) do to a comment: hide, restore, dismiss flags.
 * Each is one transaction with everything it keeps exact: the comment's status, the draft's
 * commentCount (it counts visible comments), and an entry in the draft's public moderation
 * log (`DRAFT#<draftId>` / `MODLOG#<id>`), which records reason and time but no moderator.
 * A reviewed comment leaves the queue (its `flagPk` goes) and its open flags reset to zero.
 */
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { commentNotHidden, commentNotVisible, notFound, nothingToReview } from '#shared/http/problem.ts';
import { draftListingKey } from '#shared/drafts/keys.ts';
import { commentKey, getComment, type CommentItem } from '#shared/comments/repository.ts';
import { FlagReason } from '#shared/moderation/schema.ts';

export const reasonAttribute = (reason: string) => `flags_${reason}`;
const resetFlags = `flagCount = :zero REMOVE flagPk, ${FlagReason.options.map((_, i) => `#r${i}`).join(', ')}`;
const reasonNames = Object.fromEntries(FlagReason.options.map((r, i) => [`#r${i}`, reasonAttribute(r)]));

/** A comment hidden by the flag threshold is hidden and still in the queue: awaiting review. */
export const pendingReview = (c: CommentItem): boolean => c.status === 'hidden' && (c as { flagPk?: string }).flagPk !== undefined;

export const logEntry = (draftId: string, commentId: string, action: 'hidden' | 'restored', reason: string, at: string, automatic: boolean): TransactItem => {
  const id = newId();
  return {
    Put: {
      TableName: tableName(),
      Item: { pk: `DRAFT#${draftId}`, sk: `MODLOG#${id}`, type: 'moderationAction', id, draftId, commentId, action, reason, at, automatic },
    },
  };
};

export const countVisible = (draftId: string, delta: 1 | -1): TransactItem => ({
  Update: { TableName: tableName(), Key: draftListingKey(draftId), UpdateExpression: 'ADD commentCount :delta', ExpressionAttributeValues: { ':delta': delta } },
});

type Decision = 'hide' | 'restore' | 'dismiss';

/** The status change a decision makes on `c`, or the problem that refuses it. */
function transition(decision: Decision, c: CommentItem): { to: CommentItem['status']; count: 0 | 1 | -1 } | Error {
  if (decision === 'hide') {
    if (c.status === 'visible') return { to: 'hidden', count: -1 };
    return pendingReview(c) ? { to: 'hidden', count: 0 } : commentNotVisible();
  }
  if (decision === 'restore') {
    if (c.status !== 'hidden') return commentNotHidden();
    // Its author deleted it while hidden: restoring ends the moderation, and the author's deletion stands.
    return c.authorDeleted ? { to: 'deleted', count: 0 } : { to: 'visible', count: 1 };
  }
  // Dismissing leaves the status as it is: a fine comment stays visible, one its author removed leaves the queue.
  return (c as { flagPk?: string }).flagPk !== undefined ? { to: c.status, count: 0 } : nothingToReview();
}

/**
 * A moderator's decision on a comment, with `reason` (public for hide/restore). Retries on
 * a fresh read if the comment changed meanwhile (a new flag, the author removing it).
 */
export async function moderate(draftId: string, commentId: string, decision: Decision, reason: string, now: Date): Promise<CommentItem> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const comment = await getComment(draftId, commentId, true);
    if (!comment) throw notFound('Comment');
    const step = transition(decision, comment);
    if (step instanceof Error) throw step;
    const at = now.toISOString();
    const moderation = decision === 'hide' ? { reason, at } : undefined;
    const items: TransactItem[] = [{
      Update: {
        TableName: tableName(),
        Key: commentKey(draftId, commentId),
        UpdateExpression: `SET #status = :to, updatedAt = :at${moderation ? ', moderation = :moderation' : ''}, ${resetFlags}${decision === 'restore' ? ', moderation' : ''}`,
        ConditionExpression: '#status = :was AND flagCount = :flags',
        ExpressionAttributeNames: { '#status': 'status', ...reasonNames },
        ExpressionAttributeValues: {
          ':to': step.to, ':at': at, ':zero': 0, ':was': comment.status, ':flags': comment.flagCount,
          ...(moderation ? { ':moderation': moderation } : {}),
        },
      },
    }];
    if (step.count !== 0) items.push(countVisible(draftId, step.count));
    if (decision !== 'dismiss') items.push(logEntry(draftId, commentId, decision === 'hide' ? 'hidden' : 'restored', reason, at, false));
    try {
      await transact(items);
    } catch (error) {
      if (error instanceof TransactionCancelled) continue;
      throw error;
    }
    const { flagPk: _queued, ...rest } = comment as CommentItem & { flagPk?: string };
    return { ...rest, status: step.to, updatedAt: at, flagCount: 0, moderation: decision === 'dismiss' ? comment.moderation : moderation };
  }
  throw new Error('comment kept changing under moderation');
}
