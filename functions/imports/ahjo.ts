/** Lambda: staff import meetings from Helsinki's Ahjo. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { ok } from '#shared/http/reply.ts';
import { meetingView } from '#shared/meetings/repository.ts';
import { importAhjoMeeting as importMeeting } from '#shared/ahjo/import.ts';
import { importAhjoMeeting } from '#functions/imports/routes.ts';

export const handler = lambda([
  implement(importAhjoMeeting, async ({ body }) => {
    const report = await importMeeting(body, new Date());
    const view = { outcome: report.outcome, meeting: meetingView(report.meeting, true), warnings: report.warnings };
    if (report.outcome !== 'created') return ok(view);
    return { status: 201, body: view, headers: { Location: `/v1/meetings/${report.meeting.id}`, ETag: `"${report.meeting.version}"` } };
  }),
]);
