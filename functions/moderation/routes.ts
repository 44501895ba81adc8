/** Routes of moderation: residents flag, moderators review, everyone reads the log. */
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import { DraftParams } from '#shared/drafts/schema.ts';
import { Comment, CommentParams } from '#shared/comments/schema.ts';
import { FlagBody, Flagged, ModerationAction, ModerationBody, QueueEntry } from '#shared/moderation/schema.ts';

const tag = 'Moderation';

export const flagComment = route({
  operationId: 'flagComment', method: 'POST', path: '/v1/drafts/{id}/comments/{cid}/flags', fn: 'moderation/flag', access: 'resident', tag,
  summary: 'Flag a comment for moderation (once per person)',
  description: 'A second flag by the same person is 409. With a deployment threshold, enough flags from distinct people hide the comment pending review.',
  params: CommentParams, body: FlagBody,
  responses: { 202: { description: 'The flag is recorded for the moderators', schema: Flagged } },
});

export const moderationQueue = route({
  operationId: 'moderationQueue', method: 'GET', path: '/v1/moderation/queue', fn: 'moderation/moderate', access: 'moderator', tag,
  summary: 'Flagged comments awaiting review, most flags first',
  query: PageQuery,
  responses: { 200: { description: 'A page of the queue', schema: page(QueueEntry) } },
});

export const hideComment = route({
  operationId: 'hideComment', method: 'POST', path: '/v1/drafts/{id}/comments/{cid}/hide', fn: 'moderation/moderate', access: 'moderator', tag,
  summary: 'Hide a comment with a public reason; it stays as a tombstone',
  description: 'Also confirms a comment the flag threshold hid. Not visible (deleted, already reviewed as hidden): 409.',
  params: CommentParams, body: ModerationBody,
  responses: { 200: { description: 'The hidden comment', schema: Comment } },
});

export const restoreComment = route({
  operationId: 'restoreComment', method: 'POST', path: '/v1/drafts/{id}/comments/{cid}/restore', fn: 'moderation/moderate', access: 'moderator', tag,
  summary: 'Restore a hidden comment, with a public reason',
  params: CommentParams, body: ModerationBody,
  responses: { 200: { description: 'The visible comment', schema: Comment } },
});

export const dismissFlags = route({
  operationId: 'dismissFlags', method: 'POST', path: '/v1/drafts/{id}/comments/{cid}/flags/dismiss', fn: 'moderation/moderate', access: 'moderator', tag,
  summary: 'Take a flagged comment off the queue as it is (e.g. it is fine, or its author removed it)',
  params: CommentParams, body: ModerationBody,
  responses: { 200: { description: 'The comment, reviewed', schema: Comment } },
});

export const moderationLog = route({
  operationId: 'moderationLog', method: 'GET', path: '/v1/drafts/{id}/moderation-log', fn: 'moderation/log', access: 'optional', tag,
  summary: "Every hide and restore on a draft, with reason and time (never the moderator's identity)",
  params: DraftParams, query: PageQuery,
  cacheMaxAge: 30,
  responses: { 200: { description: 'A page of the log, oldest first', schema: page(ModerationAction) } },
});

export const moderationRoutes = [flagComment, moderationQueue, hideComment, restoreComment, dismissFlags, moderationLog];
