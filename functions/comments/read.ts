/** Lambda: reading comments (public). */
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff, type Actor } from '#shared/http/actor.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { getDraftListing } from '#shared/drafts/repository.ts';
import { getComment, listReplies as loadReplies, listRootComments } from '#shared/comments/repository.ts';
import { listComments, listReplies } from '#functions/comments/routes.ts';

/** A draft's comments are as visible as the draft. */
const visibleDraft = async (id: string, actor: Actor | undefined) => {
  const draft = await getDraftListing(id);
  if (!draft || (!draft.publishedAt && !isStaff(actor))) throw notFound('Draft');
  return draft;
};

export const handler = lambda([
  implement(listComments, async ({ params, query, actor }) => {
    await visibleDraft(params.id, actor);
    return ok(await listRootComments(params.id, query));
  }),

  implement(listReplies, async ({ params, query, actor }) => {
    await visibleDraft(params.id, actor);
    const root = await getComment(params.id, params.cid);
    if (!root || root.parentId) throw notFound('Comment');
    return ok(await loadReplies(params.id, params.cid, query));
  }),
]);
