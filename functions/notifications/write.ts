/** Lambda: the caller marks their notifications read. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { noContent } from '#shared/http/reply.ts';
import { markRead } from '#shared/notifications/repository.ts';
import { markNotificationsRead } from '#functions/notifications/routes.ts';

/** A mark in the future would hide what has not happened yet: it stops at now. */
const notAfterNow = (upTo: string) => {
  const now = new Date().toISOString();
  return upTo < now ? upTo : now;
};

export const handler = lambda([
  implement(markNotificationsRead, async ({ body, actor }) => {
    await markRead(actor!.sub, notAfterNow(body.upTo));
    return noContent();
  }),
]);
