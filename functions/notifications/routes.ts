/** Routes of the resident's notifications. */
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import { Notification } from '#shared/notifications/schema.ts';

export const listNotifications = route({
  operationId: 'listNotifications', method: 'GET', path: '/v1/me/notifications', fn: 'notifications/read', access: 'resident', tag: 'Following',
  summary: 'What happened to what you follow or commented on, newest first',
  description: 'Drafts closing, new comments, agenda items, decisions and implementation updates; a comment of yours being hidden, with the reason.',
  query: PageQuery,
  responses: { 200: { description: 'A page of notifications', schema: page(Notification) } },
});

export const notificationRoutes = [listNotifications];
