/** Routes of decisions: recorded on agenda items, read by everyone. */
import { route } from '#shared/http/route.ts';
import { page } from '#shared/schema.ts';
import { AgendaItemParams } from '#shared/meetings/schema.ts';
import { Decision, DecisionParams, ListDecisionsQuery, RecordDecisionBody } from '#shared/decisions/schema.ts';

const tag = 'Decisions';

export const recordDecision = route({
  operationId: 'recordDecision', method: 'POST', path: '/v1/meetings/{id}/items/{itemId}/decision', fn: 'decisions/write', access: 'staff', tag,
  summary: 'Record the decision on an agenda item; a linked draft becomes decided',
  description: 'One decision per agenda item, on a published agenda of a meeting that was not cancelled.',
  params: AgendaItemParams, body: RecordDecisionBody, idempotent: true,
  responses: { 201: { description: 'The decision', schema: Decision } },
});

export const listDecisions = route({
  operationId: 'listDecisions', method: 'GET', path: '/v1/decisions', fn: 'decisions/read', access: 'public', tag,
  summary: 'Decisions, newest first, of all bodies or one',
  query: ListDecisionsQuery,
  cacheMaxAge: 60,
  responses: { 200: { description: 'A page of decisions', schema: page(Decision) } },
});

export const getDecision = route({
  operationId: 'getDecision', method: 'GET', path: '/v1/decisions/{id}', fn: 'decisions/read', access: 'public', tag,
  summary: 'A decision with its draft, meeting and agenda item, and how it is being implemented',
  params: DecisionParams,
  cacheMaxAge: 60,
  responses: { 200: { description: 'The decision', schema: Decision } },
});

export const decisionRoutes = [recordDecision, listDecisions, getDecision];
