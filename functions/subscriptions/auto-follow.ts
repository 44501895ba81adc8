/**
 * Lambda (CommentPosted): commenting on a draft follows it. The event names the comment,
 * not its author, so the author is read from the comment itself; anonymous comments have
 * nobody to follow for. An earlier "unfollow" stands.
 */
import { consumer } from '#shared/events/consumer.ts';
import { getComment } from '#shared/comments/repository.ts';
import { followUnlessDeclined } from '#shared/subscriptions/repository.ts';

export const handler = consumer({
  CommentPosted: async ({ draftId, commentId, createdAt }) => {
    const comment = await getComment(draftId, commentId, true);
    if (!comment?.authorSub) return;
    await followUnlessDeclined({ kind: 'draft', id: draftId }, comment.authorSub, 'comment', new Date(createdAt));
  },
});
