/** Routes of decision drafts. */
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import {
  CreateDraftBody, Draft, DraftParams, DraftSummary, DraftVersion, ListDraftsQuery, PatchDraftBody, PublishDraftBody,
} from '#shared/drafts/schema.ts';

const tag = 'Drafts';

export const createDraft = route({
  operationId: 'createDraft', method: 'POST', path: '/v1/drafts', fn: 'drafts/write', access: 'staff', tag,
  summary: 'Create a decision draft (unpublished)',
  body: CreateDraftBody, idempotent: true,
  responses: { 201: { description: 'The created draft', schema: Draft } },
});

export const getDraft = route({
  operationId: 'getDraft', method: 'GET', path: '/v1/drafts/{id}', fn: 'drafts/read', access: 'optional', tag,
  summary: 'Read a draft (staff also see unpublished ones)',
  params: DraftParams,
  cacheMaxAge: 30,
  responses: { 200: { description: 'The draft', schema: Draft } },
});

export const patchDraft = route({
  operationId: 'patchDraft', method: 'PATCH', path: '/v1/drafts/{id}', fn: 'drafts/write', access: 'staff', tag,
  summary: 'Edit a draft; a published draft keeps every earlier version',
  params: DraftParams, body: PatchDraftBody, ifMatch: true,
  responses: { 200: { description: 'The draft at its new version', schema: Draft } },
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
  operationId: 'listDrafts', method: 'GET', path: '/v1/drafts', fn: 'drafts/read', access: 'public', tag,
  summary: 'Published drafts, newest first; open ones by closesAt ascending',
  query: ListDraftsQuery,
  cacheMaxAge: 30,
  responses: { 200: { description: 'A page of drafts, as summaries (no sections: read a draft for them)', schema: page(DraftSummary) } },
});

export const draftRoutes = [createDraft, getDraft, patchDraft, listDraftVersions, publishDraft, closeDraft, listDrafts];
