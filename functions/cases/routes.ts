/** Routes of cases: one municipal matter by its case id. */
import { route } from '#shared/http/route.ts';
import { Case, CaseParams } from '#shared/cases/schema.ts';

const tag = 'Cases';

export const getCase = route({
  operationId: 'getCase', method: 'GET', path: '/v1/cases/{caseId}', fn: 'cases/read', access: 'public', tag,
  summary: 'Everything about one case: title, status, handling steps, and every draft, agenda item and decision carrying its id',
  description: '`HEL 2025-001216` and `HEL-2025-001216` name the same case. Title, status and handlings come from Ahjo '
    + '(`POST /v1/imports/ahjo/cases`); drafts, public agenda items and decisions join the case as they are published, in time order. '
    + 'A case id that nothing carries is 404.',
  params: CaseParams,
  cacheMaxAge: 60,
  responses: { 200: { description: 'The case', schema: Case } },
});

export const caseRoutes = [getCase];
