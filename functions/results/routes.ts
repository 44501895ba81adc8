/** Routes of a decision's implementation: results and their timeline. */
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import { DecisionParams } from '#shared/decisions/schema.ts';
import { CreateResultBody, PatchResultBody, Result, ResultParams, TimelineEntry } from '#shared/results/schema.ts';

const tag = 'Implementation';

export const createResult = route({
  operationId: 'createResult', method: 'POST', path: '/v1/decisions/{id}/results', fn: 'results/write', access: 'staff', tag,
  summary: 'Add an implementation result (optionally as a part of another)',
  description: 'Starts `planned` at progress 0, appends a timeline entry and rolls the progress of its parents and the decision up.',
  params: DecisionParams, body: CreateResultBody, idempotent: true,
  responses: { 201: { description: 'The result', schema: Result } },
});

export const patchResult = route({
  operationId: 'patchResult', method: 'PATCH', path: '/v1/decisions/{id}/results/{rid}', fn: 'results/write', access: 'staff', tag,
  summary: 'Report on a result: status, progress, a note (each change appends a timeline entry)',
  description: 'A result with parts takes its progress from them (weighted mean), so `progress` is refused on it.',
  params: ResultParams, body: PatchResultBody, ifMatch: true,
  responses: { 200: { description: 'The result at its new version', schema: Result } },
});

export const listResults = route({
  operationId: 'listResults', method: 'GET', path: '/v1/decisions/{id}/results', fn: 'results/read', access: 'public', tag,
  summary: "A decision's results in the order they were added; `parentId` makes the tree",
  params: DecisionParams, query: PageQuery,
  cacheMaxAge: 60,
  responses: { 200: { description: 'A page of results', schema: page(Result) } },
});

export const getResult = route({
  operationId: 'getResult', method: 'GET', path: '/v1/decisions/{id}/results/{rid}', fn: 'results/read', access: 'public', tag,
  summary: 'One result, with its version as ETag for the next PATCH',
  params: ResultParams,
  cacheMaxAge: 60,
  responses: { 200: { description: 'The result', schema: Result } },
});

export const listTimeline = route({
  operationId: 'listTimeline', method: 'GET', path: '/v1/decisions/{id}/timeline', fn: 'results/read', access: 'public', tag,
  summary: 'Every change to the results, oldest first; entries are never edited or removed',
  params: DecisionParams, query: PageQuery,
  cacheMaxAge: 60,
  responses: { 200: { description: 'A page of timeline entries', schema: page(TimelineEntry) } },
});

export const resultRoutes = [createResult, patchResult, listResults, getResult, listTimeline];
