/** Reading moderation: the queue (most flags first, across drafts) and a draft's public log. */
import { queryPage } from '#shared/data/page.ts';
import type { Page } from '#shared/schema.ts';
import { authorOf, type CommentItem } from '#shared/comments/repository.ts';
import { reasonAttribute } from '#shared/moderation/actions.ts';
import { queuePartition } from '#shared/moderation/flags.ts';
import { FlagReason, type ModerationAction, type QueueEntry } from '#shared/moderation/schema.ts';

const entryView = (item: Record<string, unknown>): QueueEntry => {
  const c = item as unknown as CommentItem;
  return {
    draftId: c.draftId,
    commentId: c.id,
    status: c.status,
    body: c.body ?? null,
    author: authorOf(c),
    createdAt: c.createdAt,
    flagCount: c.flagCount,
    reasons: Object.fromEntries(FlagReason.options.map((r) => [r, Number(item[reasonAttribute(r)] ?? 0)])) as QueueEntry['reasons'],
    moderation: c.status === 'hidden' && c.moderation ? { reason: c.moderation.reason, at: c.moderation.at } : null,
  };
};

/** Comments with flags awaiting review, most flagged first: one Query on byFlags. */
export const moderationQueue = (page: { limit: number; cursor?: string }): Promise<Page<QueueEntry>> =>
  queryPage({
    IndexName: 'byFlags',
    KeyConditionExpression: 'flagPk = :queue',
    ExpressionAttributeValues: { ':queue': queuePartition },
    ScanIndexForward: false,
  }, { ...page, scope: 'moderation-queue' }, entryView);

/** Every hide and restore on a draft, oldest first. No moderator is ever stored, so none can show. */
export const moderationLog = (draftId: string, page: { limit: number; cursor?: string }): Promise<Page<ModerationAction>> =>
  queryPage({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DRAFT#${draftId}`, ':prefix': 'MODLOG#' },
  }, { ...page, scope: `moderation-log:${draftId}` }, (item) => ({
    id: item.id as string,
    commentId: item.commentId as string,
    action: item.action as ModerationAction['action'],
    reason: item.reason as string,
    at: item.at as string,
    automatic: item.automatic === true,
  }));
