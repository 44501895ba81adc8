/** Lambda: residents post, edit, remove and vote on comments; staff give and withdraw official responses. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { Problem, invalidGeometry, notFound, participationClosed, unprocessable } from '#shared/http/problem.ts';
import { geometryErrors, normalized } from '#shared/maps/geometry.ts';
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

/** A comment's location: a point or an area, at most 1,000 positions. */
const locationLimits = { types: ['Point', 'Polygon'] as const, maxPositions: 1_000 };

const commentCreated = (c: comments.CommentItem) => created(comments.commentView(c), `/v1/drafts/${c.draftId}/comments/${c.id}`);

export const handler = lambda([
  implement(postComment, async ({ params, body, actor, sourceIp, newId }) => {
    const now = new Date();
    const draft = await getDraftListing(params.id);
    if (!draft?.publishedAt) throw notFound('Draft');
    const who = participant(draft.commenting, actor, body.authorName);
    if (who instanceof Problem) throw who;
    if (!isOpen(draft, now)) throw participationClosed();
    if (body.location) {
      if (!draft.mapCommenting) throw unprocessable('This draft takes no located comments.', [{ path: 'body.location', message: 'map commenting is off' }]);
      if (body.parentId) throw unprocessable('A reply takes no location: its root has the place.', [{ path: 'body.location', message: 'not on replies' }]);
      const wrong = geometryErrors(body.location, 'body.location', locationLimits);
      if (wrong.length > 0) throw invalidGeometry(wrong);
    }
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
      { draftId: params.id, draftVersion: draft.version, body: body.body, sectionId, rootId, author: who, ...(body.location ? { location: normalized(body.location) } : {}) },
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
