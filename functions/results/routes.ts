/** Routes of a decision's implementation: results and their timeline. */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import { DecisionParams } from '#shared/decisions/schema.ts';
import {
  CreateResultBody, ExternalResultParams, PatchResultBody, PutResultBody, Result, ResultParams, TimelineEntry,
} from '#shared/results/schema.ts';

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

export const putResultByExternalId = route({
  operationId: 'putResultByExternalId', method: 'PUT', path: '/v1/decisions/{id}/results/by-external-id/{externalId}', fn: 'results/write', access: 'staff', tag,
  summary: 'Create or update the result the municipality\'s own system knows by this id',
  description: 'The body is the create body plus the PATCH fields; on an existing result, absent fields stay as they are. '
    + 'A request that changes nothing (a repeat, a CSV file imported again) stores nothing and appends no timeline entry. '
    + 'A result keeps its parent; `progress` is refused on a result with parts. The results CSV import uses this route.',
  params: ExternalResultParams, body: PutResultBody,
  responses: {
    200: { description: 'Updated, or already as sent', schema: Result },
    201: { description: 'Created', schema: Result },
  },
});

export const exportResults = route({
  operationId: 'exportResults', method: 'GET', path: '/v1/decisions/{id}/results.csv', fn: 'results/read', access: 'public', tag,
  summary: 'A decision\'s results as CSV, in the columns the results import reads (round trip)',
  description: 'UTF-8 with a byte order mark; columns decisionId, externalId, resultId, parentId, title_<lang>, description_<lang>, startDate, endDate, '
    + 'weight, status, progress (empty for a result with parts). Importing the file again unedited changes nothing.',
  params: DecisionParams,
  cacheMaxAge: 60,
  responses: { 200: { description: 'The results', contentType: 'text/csv', schema: z.string().check(z.maxLength(10_000_000)) } },
});

export const resultRoutes = [createResult, patchResult, putResultByExternalId, listResults, getResult, listTimeline, exportResults];
