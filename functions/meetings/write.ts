/** Lambda: staff create bodies and meetings, edit meetings, replace and publish agendas. */
import { settings } from '#shared/config.ts';
import { newId } from '#shared/ids.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import {
  Problem, agendaAlreadyPublished, agendaItemDecided, agendaTooLarge, missingLanguages, notFound, unprocessable,
} from '#shared/http/problem.ts';
import { created, versioned } from '#shared/http/reply.ts';
import { bodyView, createBody as storeBody, getBody, type BodyItem } from '#shared/meetings/bodies.ts';
import { existingDraftIds } from '#shared/meetings/links.ts';
import * as meetings from '#shared/meetings/repository.ts';
import {
  agendaByteLimit, agendaBytes, agendaChanges, clean, droppedDecided, missingForAgenda, replacedAgenda,
} from '#shared/meetings/rules.ts';
import { createBody, createMeeting, patchMeeting, publishAgenda, replaceAgenda } from '#functions/meetings/routes.ts';

const endsAfterStart = (m: { startsAt: string; endsAt?: string }) => {
  if (m.endsAt !== undefined && m.endsAt <= m.startsAt) {
    throw unprocessable('A meeting ends after it starts.', [{ path: 'body.endsAt', message: 'must be after startsAt' }]);
  }
};

const currentMeeting = async (id: string, ifMatch?: number) => {
  const meeting = await meetings.getMeeting(id, true);
  if (!meeting) throw notFound('Meeting');
  if (ifMatch !== undefined && meeting.version !== ifMatch) throw meetings.stale(meeting.version);
  return meeting;
};

const bodyCreated = (b: BodyItem) => created(bodyView(b), `/v1/bodies/${b.id}`);
const meetingCreated = (m: meetings.MeetingItem) => created(meetings.meetingView(m, true), `/v1/meetings/${m.id}`, m.version);

export const handler = lambda([
  implement(createBody, async ({ body, newId }) => bodyCreated(await storeBody(body, new Date(), newId)), async (_request, id) => {
    const stored = await getBody(id, true);
    return stored && bodyCreated(stored);
  }),

  implement(createMeeting, async ({ body, newId }) => {
    const now = new Date();
    const input = { ...body, startsAt: new Date(body.startsAt).toISOString(), endsAt: body.endsAt && new Date(body.endsAt).toISOString() };
    endsAfterStart(input);
    if (!(await getBody(body.bodyId))) throw unprocessable('There is no such body.', [{ path: 'body.bodyId', message: 'unknown body' }]);
    const meeting = meetings.newMeeting(input, now, newId);
    await meetings.saveMeeting(meeting, 'new');
    return meetingCreated(meeting);
  }, async (_request, id) => {
    const meeting = await meetings.getMeeting(id, true);
    return meeting && meetingCreated(meeting);
  }),

  implement(patchMeeting, async ({ params, body, ifMatch }) => {
    const now = new Date();
    const current = await currentMeeting(params.id, ifMatch);
    const next: meetings.MeetingItem = clean({
      ...current,
      ...(body.startsAt ? { startsAt: new Date(body.startsAt).toISOString() } : {}),
      ...(body.endsAt !== undefined ? { endsAt: body.endsAt === null ? undefined : new Date(body.endsAt).toISOString() } : {}),
      ...(body.location !== undefined ? { location: body.location ?? undefined } : {}),
      ...(body.title !== undefined ? { title: body.title ?? undefined } : {}),
      ...(body.status ? { status: body.status } : {}),
      version: current.version + 1,
      updatedAt: now.toISOString(),
    });
    endsAfterStart(next);
    await meetings.saveMeeting(next, ifMatch);
    return versioned(meetings.meetingView(next, true));
  }),

  implement(replaceAgenda, async ({ params, body, ifMatch }) => {
    const now = new Date();
    const current = await currentMeeting(params.id, ifMatch);
    const items = replacedAgenda(current.agenda.items, body.items, newId);
    const dropped = droppedDecided(items, current.decisions);
    if (dropped.length > 0) throw agendaItemDecided(dropped);
    const linked = body.items.map((i, n) => ({ id: i.draftId, n })).filter((l): l is { id: string; n: number } => l.id !== undefined);
    const drafts = await existingDraftIds(linked.map((l) => l.id));
    const unknown = linked.filter((l) => !drafts.has(l.id));
    if (unknown.length > 0) throw unprocessable('An item links a draft that does not exist.', unknown.map((l) => ({ path: `body.items.${l.n}.draftId`, message: 'unknown draft' })));
    const changes = agendaChanges(current.agenda.items, items);
    if (changes.length === 0) return versioned(meetings.meetingView(current, true));
    const published = current.agendaPublishedAt !== undefined;
    if (published) {
      if (!body.changelog) {
        throw unprocessable('A published agenda keeps its history: say what changed in `changelog`.', [
          { path: 'body.changelog', message: 'required when correcting a published agenda' },
        ]);
      }
      const missing = missingForAgenda(items, settings().requiredLanguages);
      if (missing.length > 0) throw missingLanguages(missing.map((m) => ({ ...m, path: `body.${m.path}` })));
    }
    const bytes = agendaBytes(items);
    if (bytes > agendaByteLimit) throw agendaTooLarge(bytes, agendaByteLimit);
    const next: meetings.MeetingItem = {
      ...current,
      agenda: { items },
      agendaVersion: current.agendaVersion + 1,
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    const record = published ? [meetings.agendaVersionPut(next, { event: 'corrected', changelog: body.changelog, changes, by: 'staff' }, now)] : [];
    await meetings.saveMeeting(next, ifMatch, record);
    return versioned(meetings.meetingView(next, true));
  }),

  implement(publishAgenda, async ({ params }) => {
    for (let attempt = 1; ; attempt++) {
      const now = new Date();
      const current = await currentMeeting(params.id);
      if (current.agendaPublishedAt) throw agendaAlreadyPublished();
      if (current.agenda.items.length === 0) throw unprocessable('An agenda needs at least one item to be published.');
      const missing = missingForAgenda(current.agenda.items, settings().requiredLanguages);
      if (missing.length > 0) throw missingLanguages(missing.map((m) => ({ ...m, path: `agenda.${m.path}` })));
      const next = { ...current, agendaPublishedAt: now.toISOString(), version: current.version + 1, updatedAt: now.toISOString() };
      try {
        await meetings.saveMeeting(next, current.version, [meetings.agendaVersionPut(next, { event: 'published', changes: [], by: 'staff' }, now)]);
        return versioned(meetings.meetingView(next, true));
      } catch (error) {
        // Changed (or published) by someone else meanwhile: check everything again.
        if (!(error instanceof Problem && error.status === 412) || attempt >= 3) throw error;
      }
    }
  }),
]);
