/** Lambda: reading bodies, meetings, agendas and the meetings calendar (public; staff also see unpublished agendas). */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff, type Actor } from '#shared/http/actor.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok, versioned } from '#shared/http/reply.ts';
import { bodyView, getBodies, getBody as loadBody, listBodies as loadBodies } from '#shared/meetings/bodies.ts';
import { inLanguage, renderCalendar, type CalendarEvent } from '#shared/meetings/calendar.ts';
import * as meetings from '#shared/meetings/repository.ts';
import { calendarWindow, lowerBound, upperBound } from '#shared/meetings/schema.ts';
import {
  getAgendaItem, getAgendaVersion, getBody, getMeeting, listAgendaVersions, listBodies, listMeetings, meetingCalendar,
} from '#functions/meetings/routes.ts';

/** A meeting's agenda items are public once published; staff see them always. */
const agendaVisible = (m: meetings.MeetingItem, actor: Actor | undefined) => m.agendaPublishedAt !== undefined || isStaff(actor);

const existingMeeting = async (id: string) => {
  const meeting = await meetings.getMeeting(id);
  if (!meeting) throw notFound('Meeting');
  return meeting;
};


export const handler = lambda([
  implement(listBodies, async ({ query }) => ok(await loadBodies(query))),

  implement(getBody, async ({ params }) => {
    const body = await loadBody(params.id);
    if (!body) throw notFound('Body');
    return ok(bodyView(body));
  }),

  implement(listMeetings, async ({ query }) => ok(await meetings.listMeetings(query))),

  implement(getMeeting, async ({ params, actor }) => {
    const meeting = await existingMeeting(params.id);
    return versioned(meetings.meetingView(meeting, agendaVisible(meeting, actor)));
  }),

  implement(meetingCalendar, async (req) => {
    const { bodyId, lang = 'fi' } = req.query;
    const body = bodyId ? await loadBody(bodyId) : undefined;
    if (bodyId && !body) throw notFound('Body');
    const defaults = calendarWindow(new Date());
    const window = { from: req.query.from ? lowerBound(req.query.from) : defaults.from, to: req.query.to ? upperBound(req.query.to) : defaults.to };
    const list = await meetings.calendarMeetings(bodyId, window);
    const lastModified = list.reduce((latest, m) => (m.updatedAt > latest ? m.updatedAt : latest), body?.createdAt ?? '1970-01-01T00:00:00.000Z');
    const bodies = body ? new Map([[body.id, body]]) : await getBodies(list.map((m) => m.bodyId));
    const base = settings().publicBaseUrl;
    const events = list.map((m): CalendarEvent => {
      const bodyName = inLanguage(bodies.get(m.bodyId)?.name, lang);
      const title = inLanguage(m.title, lang);
      return {
        uid: `meeting-${m.id}@${settings().deploymentName}`,
        sequence: m.version - 1,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        summary: [bodyName, title].filter(Boolean).join(': ') || 'Meeting',
        location: inLanguage(m.location, lang),
        description: [bodyName, m.agendaPublishedAt ? `${base}/v1/meetings/${m.id}` : undefined].filter(Boolean).join('\n') || undefined,
        url: `${base}/v1/meetings/${m.id}`,
        cancelled: m.status === 'cancelled',
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      };
    });
    const name = inLanguage(body?.name, lang) ?? 'Meetings';
    return {
      status: 200,
      body: renderCalendar({ name, events }, `-//${settings().deploymentName}//Meetings//EN`),
      contentType: 'text/calendar; charset=utf-8',
      headers: { 'Content-Disposition': 'inline; filename="meetings.ics"', 'Last-Modified': new Date(lastModified).toUTCString() },
    };
  }),

  implement(listAgendaVersions, async ({ params, query }) => {
    await existingMeeting(params.id);
    return ok(await meetings.listAgendaVersions(params.id, query));
  }),

  implement(getAgendaVersion, async ({ params }) => {
    const version = await meetings.getAgendaVersion(params.id, params.version);
    if (!version) throw notFound('Agenda version');
    return ok(version);
  }),

  implement(getAgendaItem, async ({ params, actor }) => {
    const meeting = await existingMeeting(params.id);
    const item = agendaVisible(meeting, actor) ? meeting.agenda.items.find((i) => i.id === params.itemId) : undefined;
    if (!item) throw notFound('Agenda item');
    const keys = item.documents.flatMap((d) => (d.contentKey ? [d.contentKey] : []));
    const html = keys.length > 0 ? await meetings.getContents(meeting.id, keys) : new Map<string, string>();
    const view = meetings.agendaItemView(item, meeting.decisions);
    return ok({
      ...view,
      documents: view.documents.map((d, i) => ({ ...d, html: html.get(item.documents[i]!.contentKey ?? '') ?? null })),
    });
  }),
]);
