/** Routes of decision drafts. */
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import {
  CreateDraftBody, Draft, DraftParams, DraftSummary, DraftVersion, GetDraftQuery, ListDraftsQuery, PatchDraftBody, PreviewLink, PreviewLinkBody,
  PublishDraftBody, WithdrawDraftBody,
} from '#shared/drafts/schema.ts';

const tag = 'Drafts';

/** A draft with its map geometries (10,000 positions each) is larger than the default body. */
const geometryBodyBytes = 1024 * 1024;

export const createDraft = route({
  operationId: 'createDraft', method: 'POST', path: '/v1/drafts', fn: 'drafts/write', access: 'staff', tag,
  summary: 'Create a decision draft (unpublished)',
  description: 'The draft and its sections may carry a GeoJSON `geometry` (RFC 7946; at most 10,000 positions each); an invalid one is 422 `invalid-geometry` naming its path.',
  body: CreateDraftBody, idempotent: true, maxBodyBytes: geometryBodyBytes,
  responses: { 201: { description: 'The created draft', schema: Draft } },
});

export const getDraft = route({
  operationId: 'getDraft', method: 'GET', path: '/v1/drafts/{id}', fn: 'drafts/read', access: 'optional', tag,
  summary: 'Read a draft (staff also see unpublished ones)',
  description: 'An unpublished draft is 404 to everyone but staff, unless `preview` carries a valid token from `POST /v1/drafts/{id}/preview-link` '
    + '(made for this draft and not expired; a tampered or expired token is 404 too). A preview answer is `private, no-store`.',
  params: DraftParams, query: GetDraftQuery,
  cacheMaxAge: 30,
  responses: { 200: { description: 'The draft', schema: Draft } },
});

export const patchDraft = route({
  operationId: 'patchDraft', method: 'PATCH', path: '/v1/drafts/{id}', fn: 'drafts/write', access: 'staff', tag,
  summary: 'Edit a draft; a published draft keeps every earlier version',
  description: 'A published draft needs `changelog`, unless only `closesAt` changes: a later deadline for a scheduled or open draft '
    + '(an extension; followers are told by `DraftExtended`). An earlier deadline is 422; a draft whose participation ended is 409. '
    + 'Sections sent replace the sections, each with the geometry it is sent with (a section sent without one has none). `geometry: null` removes the draft\'s own.',
  params: DraftParams, body: PatchDraftBody, ifMatch: true, maxBodyBytes: geometryBodyBytes,
  responses: { 200: { description: 'The draft at its new version', schema: Draft } },
  errors: { 409: 'Participation on the draft has ended: its deadline can no longer move.' },
});

export const listDraftVersions = route({
  operationId: 'listDraftVersions', method: 'GET', path: '/v1/drafts/{id}/versions', fn: 'drafts/read', access: 'optional', tag,
  summary: 'Every version of a draft with its changelog, newest first',
  params: DraftParams, query: PageQuery,
  cacheMaxAge: 60,
  responses: { 200: { description: 'Versions', schema: page(DraftVersion) } },
});

export const publishDraft = route({
  operationId: 'publishDraft', method: 'POST', path: '/v1/drafts/{id}/publish', fn: 'drafts/write', access: 'staff', tag,
  summary: 'Publish a draft for participation between opensAt and closesAt',
  params: DraftParams, body: PublishDraftBody,
  responses: { 200: { description: 'The draft, scheduled or open', schema: Draft } },
});

export const closeDraft = route({
  operationId: 'closeDraft', method: 'POST', path: '/v1/drafts/{id}/close', fn: 'drafts/write', access: 'staff', tag,
  summary: 'Close participation now',
  params: DraftParams,
  responses: { 200: { description: 'The closed draft', schema: Draft } },
});

export const listDrafts = route({
  operationId: 'listDrafts', method: 'GET', path: '/v1/drafts', fn: 'drafts/read', access: 'optional', tag,
  summary: 'Published drafts, newest first; open ones by closesAt ascending',
  description: '`status=withdrawn` lists withdrawn drafts by withdrawal, newest first. `status=unpublished` (staff only: 401 without a token, 403 for others) '
    + 'lists drafts not yet published, newest first. With `bbox`, only drafts whose geometry (or a section\'s) touches the box, in the same order. '
    + 'The box is searched on a geohash index of places (a bounded number of Queries), never by scanning.',
  query: ListDraftsQuery,
  errors: { 401: '`status=unpublished` without a token.', 403: '`status=unpublished` without the staff role.' },
  cacheMaxAge: 30,
  responses: { 200: { description: 'A page of drafts, as summaries (no sections: read a draft for them)', schema: page(DraftSummary) } },
});

export const withdrawDraft = route({
  operationId: 'withdrawDraft', method: 'POST', path: '/v1/drafts/{id}/withdraw', fn: 'drafts/write', access: 'staff', tag,
  summary: 'Withdraw a published draft with a public reason; participation ends',
  description: 'The draft stays public with status `withdrawn` and `withdrawal: {reason, at}`; it takes no more comments, votes or ballots (409), '
    + 'its polls close, and followers are told (`DraftWithdrawn`). An unpublished, decided or already withdrawn draft is 409.',
  params: DraftParams, body: WithdrawDraftBody,
  responses: { 200: { description: 'The withdrawn draft', schema: Draft } },
  errors: { 409: '`not-published`, `already-decided` or `already-withdrawn`.' },
});

export const createPreviewLink = route({
  operationId: 'createPreviewLink', method: 'POST', path: '/v1/drafts/{id}/preview-link', fn: 'drafts/write', access: 'staff', tag,
  summary: 'A signed, expiring link that opens this draft (published or not) to whoever holds it',
  description: 'The link is `GET /v1/drafts/{id}?preview=<token>` at the public base URL; it works for this draft only, until `expiresAt` '
    + '(`expiresInHours`, 1–720, default 72). Nothing is stored: it cannot be revoked before it expires.',
  params: DraftParams, body: PreviewLinkBody,
  responses: { 201: { description: 'The link', schema: PreviewLink } },
});

export const draftRoutes = [createDraft, getDraft, patchDraft, listDraftVersions, publishDraft, closeDraft, listDrafts, withdrawDraft, createPreviewLink];
