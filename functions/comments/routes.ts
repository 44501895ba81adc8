/** Routes of comments on drafts. */

import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import { DraftParams } from '#shared/drafts/schema.ts';
import {
  Comment, CommentFeatures, CommentParams, CommentResponseBody, EditCommentBody, ListCommentsQuery, LocatedCommentsQuery, PostCommentBody, Votes,
} from '#shared/comments/schema.ts';

const tag = 'Comments';

export const postComment = route({
  operationId: 'postComment', method: 'POST', path: '/v1/drafts/{id}/comments', fn: 'comments/write', access: 'optional', tag,
  summary: 'Comment on an open draft (per its commenting mode)',
  description: 'A token is needed unless the draft is in `anonymous` mode; `strong` mode needs `amr: strong`. A reply to a reply attaches to the root. '
    + 'On a draft with `mapCommenting`, a root comment may carry a `location` (GeoJSON Point or Polygon, at most 1,000 positions; otherwise 422 `invalid-geometry`).',
  params: DraftParams, body: PostCommentBody, idempotent: true,
  responses: { 201: { description: 'The comment', schema: Comment } },
});

export const listComments = route({
  operationId: 'listComments', method: 'GET', path: '/v1/drafts/{id}/comments', fn: 'comments/read', access: 'optional', tag,
  summary: 'Root comments, each with replyCount',
  description: 'With `bbox`, only visible comments whose location touches the box, by place rather than by `sort`, '
    + 'read from a geohash index (a bounded number of Queries per page; a page may be short while `nextCursor` goes on).',
  params: DraftParams, query: ListCommentsQuery,
  cacheMaxAge: 10,
  responses: { 200: { description: 'A page of root comments', schema: page(Comment) } },
});

export const listReplies = route({
  operationId: 'listReplies', method: 'GET', path: '/v1/drafts/{id}/comments/{cid}/replies', fn: 'comments/read', access: 'optional', tag,
  summary: 'Replies to a comment, oldest first',
  params: CommentParams, query: PageQuery,
  cacheMaxAge: 10,
  responses: { 200: { description: 'A page of replies', schema: page(Comment) } },
});

export const editComment = route({
  operationId: 'editComment', method: 'PATCH', path: '/v1/drafts/{id}/comments/{cid}', fn: 'comments/write', access: 'resident', tag,
  summary: 'Edit your own comment while the draft is open',
  params: CommentParams, body: EditCommentBody,
  responses: { 200: { description: 'The edited comment', schema: Comment } },
});

export const deleteComment = route({
  operationId: 'deleteComment', method: 'DELETE', path: '/v1/drafts/{id}/comments/{cid}', fn: 'comments/write', access: 'resident', tag,
  summary: 'Remove your own comment; it stays in place as a tombstone',
  params: CommentParams,
  responses: { 204: { description: 'Removed' } },
});

export const voteComment = route({
  operationId: 'voteComment', method: 'PUT', path: '/v1/drafts/{id}/comments/{cid}/vote', fn: 'comments/write', access: 'resident', tag,
  summary: 'Up-vote a comment (once per person)',
  params: CommentParams,
  responses: { 200: { description: 'The vote count', schema: Votes } },
});

export const unvoteComment = route({
  operationId: 'unvoteComment', method: 'DELETE', path: '/v1/drafts/{id}/comments/{cid}/vote', fn: 'comments/write', access: 'resident', tag,
  summary: 'Take back your up-vote',
  params: CommentParams,
  responses: { 200: { description: 'The vote count', schema: Votes } },
});

export const respondToComment = route({
  operationId: 'respondToComment', method: 'PUT', path: '/v1/drafts/{id}/comments/{cid}/response', fn: 'comments/write', access: 'staff', tag,
  summary: "Give (or replace) the municipality's official response to a comment",
  description: 'Also after the draft closed. The comment then shows `response: {body, at}`, and its author is told (`CommentResponded`: '
    + 'the notification feed, and e-mail where the resident chose it). A hidden comment takes no response (409).',
  params: CommentParams, body: CommentResponseBody,
  responses: { 200: { description: 'The comment with its response', schema: Comment } },
  errors: { 409: '`comment-not-visible`: the comment is hidden.' },
});

export const withdrawCommentResponse = route({
  operationId: 'withdrawCommentResponse', method: 'DELETE', path: '/v1/drafts/{id}/comments/{cid}/response', fn: 'comments/write', access: 'staff', tag,
  summary: 'Withdraw the official response to a comment',
  description: 'Withdrawing a response that is not there changes nothing (204).',
  params: CommentParams,
  responses: { 204: { description: 'The comment has no response' } },
});

export const listCommentFeatures = route({
  operationId: 'listCommentFeatures', method: 'GET', path: '/v1/drafts/{id}/comments.geojson', fn: 'comments/read', access: 'optional', tag,
  summary: 'Visible located comments as a GeoJSON FeatureCollection',
  description: 'RFC 7946, `application/geo+json`: each feature is a visible comment with a location, with `id`, `body`, `votes`, `sectionId` and `createdAt` '
    + 'as properties. Up to `limit` (default 100) features; `nextCursor` (a foreign member) continues. `bbox` keeps those in the box.',
  params: DraftParams, query: LocatedCommentsQuery,
  cacheMaxAge: 10,
  responses: { 200: { description: 'The located comments', schema: CommentFeatures, contentType: 'application/geo+json' } },
});

export const commentRoutes = [
  postComment, listComments, listCommentFeatures, listReplies, editComment, deleteComment, voteComment, unvoteComment, respondToComment, withdrawCommentResponse,
];
