/** Lambda: reading comments (public). */
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff, type Actor } from '#shared/http/actor.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { getDraftListing } from '#shared/drafts/repository.ts';
import {
  getComment, listCommentsInBox, listLocatedComments, listReplies as loadReplies, listRootComments, type CommentItem,
} from '#shared/comments/repository.ts';
import { listCommentFeatures, listComments, listReplies } from '#functions/comments/routes.ts';

/** A located comment as a GeoJSON Feature. */
const feature = (c: CommentItem) => ({
  type: 'Feature' as const,
  id: c.id,
  geometry: c.location!,
  properties: { id: c.id, body: c.body ?? null, votes: c.votes, sectionId: c.sectionId ?? null, createdAt: c.createdAt },
});

/** A draft's comments are as visible as the draft. */
const visibleDraft = async (id: string, actor: Actor | undefined) => {
  const draft = await getDraftListing(id);
  if (!draft || (!draft.publishedAt && !isStaff(actor))) throw notFound('Draft');
  return draft;
};

export const handler = lambda([
  implement(listComments, async ({ params, query, actor }) => {
    await visibleDraft(params.id, actor);
    return ok(query.bbox ? await listCommentsInBox(params.id, query.bbox, query) : await listRootComments(params.id, query));
  }),

  implement(listCommentFeatures, async ({ params, query, actor }) => {
    await visibleDraft(params.id, actor);
    const found = await listLocatedComments(params.id, query.bbox, query);
    return {
      status: 200,
      body: JSON.stringify({ type: 'FeatureCollection', features: found.items.map(feature), nextCursor: found.nextCursor }),
      contentType: 'application/geo+json',
    };
  }),

  implement(listReplies, async ({ params, query, actor }) => {
    await visibleDraft(params.id, actor);
    const root = await getComment(params.id, params.cid);
    if (!root || root.parentId) throw notFound('Comment');
    return ok(await loadReplies(params.id, params.cid, query));
  }),
]);
