/** Lambda: residents flag comments. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { notFound } from '#shared/http/problem.ts';
import { accepted } from '#shared/http/reply.ts';
import { getDraftListing } from '#shared/drafts/repository.ts';
import { flagComment as flag } from '#shared/moderation/flags.ts';
import { flagComment } from '#functions/moderation/routes.ts';

export const handler = lambda([
  implement(flagComment, async ({ params, body, actor }) => {
    const draft = await getDraftListing(params.id);
    if (!draft?.publishedAt) throw notFound('Draft');
    await flag({ draftId: params.id, commentId: params.cid, sub: actor!.sub, reason: body.reason, note: body.note }, settings().autoHideFlags, new Date());
    return accepted({ commentId: params.cid, flagged: true });
  }),
]);
