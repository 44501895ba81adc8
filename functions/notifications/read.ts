/** Lambda: the caller's notification feed. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { listNotifications as loadNotifications } from '#shared/notifications/repository.ts';
import { listNotifications } from '#functions/notifications/routes.ts';

export const handler = lambda([
  implement(listNotifications, async ({ query, actor }) => ok(await loadNotifications(actor!.sub, query))),
]);
