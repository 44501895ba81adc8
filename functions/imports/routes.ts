/** Routes of imports from municipal case-management systems (Helsinki's Ahjo). */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { Meeting } from '#shared/meetings/schema.ts';
import { Decision } from '#shared/decisions/schema.ts';
import { Case } from '#shared/cases/schema.ts';
import { AhjoMeeting } from '#shared/ahjo/schema.ts';
import { AhjoCase } from '#shared/ahjo/case.ts';
import { AhjoDecision } from '#shared/ahjo/decision-schema.ts';

const tag = 'Imports';

const Outcome = z.enum(['created', 'updated', 'unchanged']);
/** What was imported with a fallback, field by field (`path` is in Ahjo's shape). */
const Warnings = z.array(z.object({ path: z.string().check(z.maxLength(1000)), message: z.string().check(z.maxLength(1000)) })).check(z.maxLength(5000));

export const ImportReport = z.object({ outcome: Outcome, meeting: Meeting, warnings: Warnings }).register(z.globalRegistry, { id: 'AhjoImportReport' });
export const CaseImportReport = z.object({ outcome: Outcome, case: Case, warnings: Warnings }).register(z.globalRegistry, { id: 'AhjoCaseImportReport' });
export const DecisionImportReport = z.object({ outcome: Outcome, decision: Decision, warnings: Warnings })
  .register(z.globalRegistry, { id: 'AhjoDecisionImportReport' });

export const importAhjoMeeting = route({
  operationId: 'importAhjoMeeting', method: 'POST', path: '/v1/imports/ahjo/meetings', fn: 'imports/ahjo', access: 'staff', tag,
  summary: 'Import one meeting as Ahjo\'s REST API returns it: creates or updates its body, meeting and agenda',
  description: 'Importing the same MeetingID again updates the meeting in place, and changes nothing when nothing changed. '
    + 'The agenda is published when Ahjo shows it as public (AgendaPublished or MinutesPublished, or issued documents). '
    + 'A meeting that cannot be mapped is refused whole (422 `ahjo-unmappable`, with `errors`); nothing of it is stored.',
  body: AhjoMeeting, maxBodyBytes: 5 * 1024 * 1024,
  responses: {
    200: { description: 'Updated in place, or unchanged', schema: ImportReport },
    201: { description: 'Created', schema: ImportReport },
  },
});

export const importAhjoCase = route({
  operationId: 'importAhjoCase', method: 'POST', path: '/v1/imports/ahjo/cases', fn: 'imports/ahjo', access: 'staff', tag,
  summary: 'Import one case as Ahjo\'s REST API returns it: title, status, handling steps and public documents\' metadata',
  description: 'The case id is CaseIDLabel in one spelling (`HEL 2025-001216` -> `HEL-2025-001216`): the same case imported again is updated '
    + 'in place, and changes nothing when nothing changed. A record without CaseIDLabel is refused (422 `ahjo-unmappable`); nothing is stored. '
    + 'Documents are kept as metadata and link only; those marked as containing personal data say so (`personalData`).',
  body: AhjoCase, maxBodyBytes: 1024 * 1024,
  responses: {
    200: { description: 'Updated in place, or unchanged', schema: CaseImportReport },
    201: { description: 'Created', schema: CaseImportReport },
  },
});

export const importAhjoDecision = route({
  operationId: 'importAhjoDecision', method: 'POST', path: '/v1/imports/ahjo/decisions', fn: 'imports/ahjo', access: 'staff', tag,
  summary: 'Import one Ahjo decision record, with its vote results, onto the agenda item it names',
  description: 'MeetingID and AgendaPoint name an agenda item of a meeting imported from Ahjo; without one, 422 `ahjo-unmappable`. '
    + 'The first import records the decision (`approved`; a linked draft becomes decided); later imports update it in place and never add a second. '
    + 'VoteResults (Ayes, Noes, Blank, Absent) become `votes` with each member\'s vote, name and council group (elected officials\' votes are public). '
    + 'A document marked as containing personal data is published as metadata and link only; HTML is sanitised and only its text is kept.',
  body: AhjoDecision, maxBodyBytes: 2 * 1024 * 1024,
  errors: { 409: 'The agenda item cannot take a decision: its agenda is not public, or its meeting was cancelled.' },
  responses: {
    200: { description: 'Updated in place, or unchanged', schema: DecisionImportReport },
    201: { description: 'Recorded', schema: DecisionImportReport },
  },
});

export const importRoutes = [importAhjoMeeting, importAhjoCase, importAhjoDecision];
