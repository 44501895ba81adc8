/** Lambda: staff import meetings, cases and decisions from Helsinki's Ahjo. */
import { lambda, implement } from '#shared/http/lambda.ts';
import type { Reply } from '#shared/http/reply.ts';
import { meetingView } from '#shared/meetings/repository.ts';
import { caseView, getCase } from '#shared/cases/repository.ts';
import { decisionView } from '#shared/decisions/repository.ts';
import { importAhjoMeeting as importMeeting } from '#shared/ahjo/import.ts';
import { importAhjoCase as importCase } from '#shared/ahjo/import-case.ts';
import { importAhjoDecision as importDecision } from '#shared/ahjo/import-decision.ts';
import { importAhjoCase, importAhjoDecision, importAhjoMeeting } from '#functions/imports/routes.ts';

/** 201 with Location when the import created the resource, else 200. */
const answer = (outcome: string, view: unknown, location: string, etag?: number): Reply =>
  outcome === 'created'
    ? { status: 201, body: view, headers: { Location: location, ...(etag === undefined ? {} : { ETag: `"${etag}"` }) } }
    : { status: 200, body: view };

export const handler = lambda([
  implement(importAhjoMeeting, async ({ body }) => {
    const report = await importMeeting(body, new Date());
    const view = { outcome: report.outcome, meeting: meetingView(report.meeting, true), warnings: report.warnings };
    return answer(report.outcome, view, `/v1/meetings/${report.meeting.id}`, report.meeting.version);
  }),

  implement(importAhjoCase, async ({ body }) => {
    const report = await importCase(body, new Date());
    const links = (await getCase(report.item.caseId, true))?.links ?? [];
    const view = { outcome: report.outcome, case: caseView(report.item.caseId, report.item, links), warnings: report.warnings };
    return answer(report.outcome, view, `/v1/cases/${report.item.caseId}`);
  }),

  implement(importAhjoDecision, async ({ body }) => {
    const report = await importDecision(body, new Date());
    const view = { outcome: report.outcome, decision: decisionView(report.decision), warnings: report.warnings };
    return answer(report.outcome, view, `/v1/decisions/${report.decision.id}`);
  }),
]);
