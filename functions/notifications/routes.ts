/** Routes of the resident's notifications. */
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import { MarkRead, Notification } from '#shared/notifications/schema.ts';

export const listNotifications = route({
  operationId: 'listNotifications', method: 'GET', path: '/v1/me/notifications', fn: 'notifications/read', access: 'resident', tag: 'Following',
  summary: 'What happened to what you follow or commented on, newest first',
  description: 'Drafts closing, agenda items, decisions and implementation updates; a comment of yours being hidden, with the reason. ' +
    "New comments on a draft you follow are one CommentActivity per draft that counts them (`count`, `since`, `latestAt`) until you mark it read; " +
    'your own comments are not in it. `unread` is true for what is newer than your read mark.',
  query: PageQuery,
  responses: { 200: { description: 'A page of notifications', schema: page(Notification) } },
});

export const markNotificationsRead = route({
  operationId: 'markNotificationsRead', method: 'POST', path: '/v1/me/notifications/read', fn: 'notifications/write', access: 'resident', tag: 'Following',
  summary: 'Mark your notifications read up to a time',
  description: 'Everything at or before `upTo` (at most now) is read; the mark never moves back. ' +
    'A comment activity that is read is finished: the next comment on that draft begins a new one.',
  body: MarkRead,
  responses: { 204: { description: 'Marked read' } },
});

export const notificationRoutes = [listNotifications, markNotificationsRead];
