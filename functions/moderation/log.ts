/** Lambda: a draft's public moderation log. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff } from '#shared/http/actor.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { getDraftListing } from '#shared/drafts/repository.ts';
import { moderationLog as log } from '#shared/moderation/queue.ts';
import { moderationLog } from '#functions/moderation/routes.ts';

export const handler = lambda([
  implement(moderationLog, async ({ params, query, actor }) => {
    const draft = await getDraftListing(params.id);
    if (!draft || (!draft.publishedAt && !isStaff(actor))) throw notFound('Draft');
    return ok(await log(params.id, query));
  }),
]);
