/** Routes of decision-making bodies, their meetings and the meetings' agendas. */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import {
  AgendaItemDetail, AgendaItemParams, AgendaVersion, AgendaVersionDetail, AgendaVersionParams, Body, BodyParams, CalendarQuery,
  CreateBodyBody, CreateMeetingBody, ListMeetingsQuery, Meeting, MeetingParams, PatchMeetingBody, ReplaceAgendaBody,
} from '#shared/meetings/schema.ts';

const tag = 'Meetings';

export const createBody = route({
  operationId: 'createBody', method: 'POST', path: '/v1/bodies', fn: 'meetings/write', access: 'staff', tag,
  summary: 'Create a decision-making body (council, board, committee…)',
  description: 'With `source` (its Ahjo DecisionMakerId), meetings imported from Ahjo land on this body instead of a new one.',
  body: CreateBodyBody, idempotent: true,
  errors: { 409: 'Another body already stands for this Ahjo decision maker (`ahjo-body-exists`).' },
  responses: { 201: { description: 'The body', schema: Body } },
});

export const listBodies = route({
  operationId: 'listBodies', method: 'GET', path: '/v1/bodies', fn: 'meetings/read', access: 'public', tag,
  summary: 'Decision-making bodies, oldest first',
  query: PageQuery,
  cacheMaxAge: 300,
  responses: { 200: { description: 'A page of bodies', schema: page(Body) } },
});

export const getBody = route({
  operationId: 'getBody', method: 'GET', path: '/v1/bodies/{id}', fn: 'meetings/read', access: 'public', tag,
  summary: 'Read a body',
  params: BodyParams,
  cacheMaxAge: 300,
  responses: { 200: { description: 'The body', schema: Body } },
});

export const createMeeting = route({
  operationId: 'createMeeting', method: 'POST', path: '/v1/meetings', fn: 'meetings/write', access: 'staff', tag,
  summary: 'Schedule a meeting of a body; its agenda starts empty and unpublished',
  body: CreateMeetingBody, idempotent: true,
  responses: { 201: { description: 'The meeting', schema: Meeting } },
});

export const listMeetings = route({
  operationId: 'listMeetings', method: 'GET', path: '/v1/meetings', fn: 'meetings/read', access: 'public', tag,
  summary: 'Meetings by start time, of all bodies or one, within from..to',
  description: 'Lists carry no agenda items (`agenda: null`); read a meeting for its agenda.',
  query: ListMeetingsQuery,
  cacheMaxAge: 60,
  responses: { 200: { description: 'A page of meetings', schema: page(Meeting) } },
});

export const meetingCalendar = route({
  operationId: 'meetingCalendar', method: 'GET', path: '/v1/meetings.ics', fn: 'meetings/read', access: 'public', tag,
  summary: 'iCalendar (RFC 5545) feed of meetings, of all bodies or one, to subscribe to',
  description: 'Meetings starting in a window (by default 92 days back to 366 days ahead; at most three years), at most the latest 1000. '
    + 'Each meeting keeps its UID; cancelled meetings stay in the feed with `STATUS:CANCELLED`. '
    + 'Answers `ETag` and `Last-Modified`; `If-None-Match` or `If-Modified-Since` get 304 when nothing changed.',
  query: CalendarQuery,
  cacheMaxAge: 300,
  responses: { 200: { description: 'The calendar', contentType: 'text/calendar', schema: z.string().check(z.maxLength(50_000_000)) } },
  errors: { 404: 'No body has this `bodyId`: `not-found`.' },
});

export const getMeeting = route({
  operationId: 'getMeeting', method: 'GET', path: '/v1/meetings/{id}', fn: 'meetings/read', access: 'optional', tag,
  summary: 'Read a meeting; its agenda items once the agenda is published (staff always)',
  params: MeetingParams,
  cacheMaxAge: 60,
  responses: { 200: { description: 'The meeting', schema: Meeting } },
});

export const patchMeeting = route({
  operationId: 'patchMeeting', method: 'PATCH', path: '/v1/meetings/{id}', fn: 'meetings/write', access: 'staff', tag,
  summary: 'Reschedule, move, rename or cancel a meeting',
  params: MeetingParams, body: PatchMeetingBody, ifMatch: true,
  responses: { 200: { description: 'The meeting at its new version', schema: Meeting } },
});

export const replaceAgenda = route({
  operationId: 'replaceAgenda', method: 'PUT', path: '/v1/meetings/{id}/agenda', fn: 'meetings/write', access: 'staff', tag,
  summary: 'Replace the agenda: items numbered 1..n in the order sent',
  description: 'Send an item\'s `id` to keep it (and its decision and documents). Once published, a correction needs a `changelog` and is kept as a version.',
  params: MeetingParams, body: ReplaceAgendaBody, ifMatch: true, maxBodyBytes: 1024 * 1024,
  responses: { 200: { description: 'The meeting with its new agenda', schema: Meeting } },
});

export const publishAgenda = route({
  operationId: 'publishAgenda', method: 'POST', path: '/v1/meetings/{id}/agenda/publish', fn: 'meetings/write', access: 'staff', tag,
  summary: 'Make the agenda public',
  params: MeetingParams,
  responses: { 200: { description: 'The meeting, agendaStatus published', schema: Meeting } },
  errors: { 422: 'The agenda cannot be published as it is: it has no items (`unprocessable`), or items lack a required language (`missing-languages`).' },
});

export const listAgendaVersions = route({
  operationId: 'listAgendaVersions', method: 'GET', path: '/v1/meetings/{id}/agenda/versions', fn: 'meetings/read', access: 'optional', tag,
  summary: 'The agenda as published and every correction since, newest first: what changed, when',
  params: MeetingParams, query: PageQuery,
  cacheMaxAge: 60,
  responses: { 200: { description: 'A page of versions', schema: page(AgendaVersion) } },
});

export const getAgendaVersion = route({
  operationId: 'getAgendaVersion', method: 'GET', path: '/v1/meetings/{id}/agenda/versions/{version}', fn: 'meetings/read', access: 'optional', tag,
  summary: 'The agenda as it was at one version',
  params: AgendaVersionParams,
  cacheMaxAge: 300,
  responses: { 200: { description: 'The version with its items', schema: AgendaVersionDetail } },
});

export const getAgendaItem = route({
  operationId: 'getAgendaItem', method: 'GET', path: '/v1/meetings/{id}/items/{itemId}', fn: 'meetings/read', access: 'optional', tag,
  summary: 'One agenda item with its documents\' HTML',
  params: AgendaItemParams,
  cacheMaxAge: 60,
  responses: { 200: { description: 'The agenda item', schema: AgendaItemDetail } },
});

export const meetingRoutes = [
  createBody, listBodies, getBody, createMeeting, listMeetings, meetingCalendar, getMeeting, patchMeeting,
  replaceAgenda, publishAgenda, listAgendaVersions, getAgendaVersion, getAgendaItem,
];
