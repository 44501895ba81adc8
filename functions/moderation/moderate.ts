/** Lambda: moderators read the queue and hide, restore or clear flagged comments. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { commentView } from '#shared/comments/repository.ts';
import { moderate } from '#shared/moderation/actions.ts';
import { moderationQueue as queue } from '#shared/moderation/queue.ts';
import { dismissFlags, hideComment, moderationQueue, restoreComment } from '#functions/moderation/routes.ts';

export const handler = lambda([
  implement(moderationQueue, async ({ query }) => ok(await queue(query))),

  implement(hideComment, async ({ params, body }) =>
    ok(commentView(await moderate(params.id, params.cid, 'hide', body.reason, new Date())))),

  implement(restoreComment, async ({ params, body }) =>
    ok(commentView(await moderate(params.id, params.cid, 'restore', body.reason, new Date())))),

  implement(dismissFlags, async ({ params, body }) =>
    ok(commentView(await moderate(params.id, params.cid, 'dismiss', body.reason, new Date())))),
]);
