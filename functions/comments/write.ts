/** Lambda: residents post, edit, remove and vote on comments; staff give and withdraw official responses. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { Problem, notFound, participationClosed, unprocessable } from '#shared/http/problem.ts';
import { created, noContent, ok } from '#shared/http/reply.ts';
import { getDraftListing } from '#shared/drafts/repository.ts';
import { isOpen } from '#shared/drafts/rules.ts';
import * as comments from '#shared/comments/repository.ts';
import { respond, withdrawResponse } from '#shared/comments/responses.ts';
import { participant } from '#shared/comments/rules.ts';
import { settings } from '#shared/config.ts';
import { admitAnonymous } from '#shared/moderation/rate-limit.ts';
import {
  deleteComment, editComment, postComment, respondToComment, unvoteComment, voteComment, withdrawCommentResponse,
} from '#functions/comments/routes.ts';

const commentCreated = (c: comments.CommentItem) => created(comments.commentView(c), `/v1/drafts/${c.draftId}/comments/${c.id}`);

export const handler = lambda([
  implement(postComment, async ({ params, body, actor, sourceIp, newId }) => {
    const now = new Date();
    const draft = await getDraftListing(params.id);
    if (!draft?.publishedAt) throw notFound('Draft');
    const who = participant(draft.commenting, actor, body.authorName);
    if (who instanceof Problem) throw who;
    if (!isOpen(draft, now)) throw participationClosed();
    let sectionId = body.sectionId;
    if (sectionId && !draft.sectionIds.includes(sectionId)) {
      throw unprocessable('The draft has no such section.', [{ path: 'body.sectionId', message: 'unknown section' }]);
    }
    let rootId: string | undefined;
    if (body.parentId) {
      const parent = await comments.getComment(params.id, body.parentId);
      if (!parent) throw unprocessable('The draft has no such comment.', [{ path: 'body.parentId', message: 'unknown comment' }]);
      // Replies are one level deep: a reply to a reply attaches to the root, on its section.
      rootId = parent.parentId ?? parent.id;
      const root = parent.parentId ? await comments.getComment(params.id, rootId) : parent;
      sectionId = root?.sectionId;
    }
    if (!who.sub) {
      const { anonymousCommentLimit, anonymousCommentWindowSeconds } = settings();
      await admitAnonymous(params.id, sourceIp, anonymousCommentLimit, anonymousCommentWindowSeconds, now);
    }
    const comment = await comments.postComment(
      { draftId: params.id, draftVersion: draft.version, body: body.body, sectionId, rootId, author: who },
      now,
      newId,
    );
    return commentCreated(comment);
  }, async ({ params }, id) => {
    const comment = await comments.getComment(params.id, id, true);
    return comment && commentCreated(comment);
  }),

  implement(editComment, async ({ params, body, actor }) =>
    ok(comments.commentView(await comments.editComment(params.id, params.cid, actor!.sub, body.body, new Date())))),

  implement(deleteComment, async ({ params, actor }) => {
    await comments.deleteComment(params.id, params.cid, actor!.sub, new Date());
    return noContent();
  }),

  implement(voteComment, async ({ params, actor }) => ok({ votes: await vote(params.id, params.cid, actor!.sub, true) })),
  implement(unvoteComment, async ({ params, actor }) => ok({ votes: await vote(params.id, params.cid, actor!.sub, false) })),

  implement(respondToComment, async ({ params, body }) => ok(comments.commentView(await respond(params.id, params.cid, body.body, new Date())))),

  implement(withdrawCommentResponse, async ({ params }) => {
    await withdrawResponse(params.id, params.cid);
    return noContent();
  }),
]);

async function vote(draftId: string, commentId: string, sub: string, up: boolean): Promise<number> {
  if (!(await comments.getComment(draftId, commentId))) throw notFound('Comment');
  return comments.setVote(draftId, commentId, sub, up, new Date());
}
