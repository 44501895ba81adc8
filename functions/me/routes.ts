/** Routes of the resident's own data: who am I, everything about me, erase me. */
import { route } from '#shared/http/route.ts';
import { Me, MyData } from '#shared/me/schema.ts';

const tag = 'Me';

export const getMe = route({
  operationId: 'getMe', method: 'GET', path: '/v1/me', fn: 'me/read', access: 'resident', tag,
  summary: 'Who the API takes you to be',
  responses: { 200: { description: 'Your identity', schema: Me } },
});

export const exportMe = route({
  operationId: 'exportMe', method: 'GET', path: '/v1/me/export', fn: 'me/read', access: 'resident', tag,
  summary: 'Everything stored about you: comments, votes, flags, subscriptions, your own ballots',
  description: 'Up to 1,000 comments and 4 MB; beyond that 409 `export-too-large`: use `POST /v1/me/exports`.',
  responses: { 200: { description: 'Your data', schema: MyData } },
  errors: { 409: 'The export would carry more than 1,000 comments or 4 MB: `export-too-large`; `exportJob` names the job route that makes it as a file.' },
});

export const eraseMe = route({
  operationId: 'eraseMe', method: 'DELETE', path: '/v1/me', fn: 'me/erase', access: 'resident', tag,
  summary: 'Erase your personal data',
  description:
    "Comments become tombstones without author, or are removed, per the deployment's COMMENT_ERASURE policy; " +
    'votes, flags and ballots stay counted but no longer link to you; your export jobs and their files are deleted. ' +
    'Answers 204 as soon as your tokens are refused and the erasure is recorded; a job erases the rest within moments. Repeating it is harmless.',
  responses: { 204: { description: 'Erased' } },
});

export const meRoutes = [getMe, exportMe, eraseMe];
