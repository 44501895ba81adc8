/**
 * Importing one Ahjo meeting: creates or updates its body, the meeting and its agenda, in
 * place (same MeetingID -> same meeting, same agenda point -> same item id), and publishes the
 * agenda when Ahjo shows it as public. The meeting and its whole agenda are one item, saved in
 * one transaction with its lookup and version records: a meeting is imported whole or not at
 * all. Document HTML rows are written first; until the meeting refers to them they are unseen.
 * A re-import that changes nothing writes nothing.
 */
import { createHash } from 'node:crypto';
import { settings } from '#shared/config.ts';
import { tableName } from '#shared/data/table.ts';
import type { TransactItem } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { Problem, ahjoUnmappable, type FieldError } from '#shared/http/problem.ts';
import { ahjoBody } from '#shared/meetings/bodies.ts';
import {
  agendaVersionPut, ahjoMeetingId, ahjoMeetingKey, contentKey, getMeeting, newMeeting, putContents, saveMeeting,
  type ContentItem, type MeetingItem,
} from '#shared/meetings/repository.ts';
import {
  agendaByteLimit, agendaBytes, agendaChanges, canonicalJson, clean, missingForAgenda, type StoredAgendaItem, type StoredDocument,
} from '#shared/meetings/rules.ts';
import { mapMeeting, type MeetingPlan } from '#shared/ahjo/map.ts';
import type { AhjoMeeting } from '#shared/ahjo/schema.ts';

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportReport {
  outcome: ImportOutcome;
  meeting: MeetingItem;
  warnings: FieldError[];
}

/** What a correction imported from Ahjo says it was. */
const fromAhjo = { fi: 'Päivitetty Ahjosta', sv: 'Uppdaterad från Ahjo', en: 'Updated from Ahjo' };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

/** Fields of a meeting that an import may change; equal fields mean nothing to write. */
const imported = (m: MeetingItem) => canonicalJson([m.bodyId, m.title, m.startsAt, m.location, m.status, m.documents, m.source, m.agenda.items]);

/** Imports `raw`, or throws a 422 problem naming what could not be mapped. */
export async function importAhjoMeeting(raw: AhjoMeeting, now: Date): Promise<ImportReport> {
  const mapped = mapMeeting(raw, { supportedLanguages: settings().supportedLanguages, maxHtmlBytes: 300_000, maxTitleLength: 1_000 });
  if ('errors' in mapped) throw ahjoUnmappable(mapped.errors);
  const { plan } = mapped;
  const { body } = await ahjoBody(plan.body.decisionMakerId, { name: plan.body.name, kind: plan.body.kind }, now);
  for (let attempt = 1; ; attempt++) {
    try {
      return await apply(plan, body.id, now);
    } catch (error) {
      // Someone else changed the meeting (or imported it) between our read and write: read again.
      const concurrent = error instanceof Problem && error.status === 412;
      if (!concurrent || attempt >= 4) throw error;
    }
  }
}

async function apply(plan: MeetingPlan, bodyId: string, now: Date): Promise<ImportReport> {
  const warnings = [...plan.warnings];
  const existingId = await ahjoMeetingId(plan.ahjoId);
  const current = existingId ? await getMeeting(existingId, true) : undefined;
  const base = current ?? newMeeting({ bodyId, startsAt: plan.meeting.startsAt }, now);

  const contents: ContentItem[] = [];
  const items = plannedAgenda(plan, base, contents, warnings);
  const bytes = agendaBytes(items);
  if (bytes > agendaByteLimit) throw ahjoUnmappable([{ path: 'Agenda', message: `the agenda takes ${bytes} bytes; a meeting holds at most ${agendaByteLimit}` }]);

  const next: MeetingItem = clean({
    ...base,
    bodyId,
    title: plan.meeting.title,
    startsAt: plan.meeting.startsAt,
    location: plan.meeting.location,
    status: plan.meeting.status,
    documents: plan.meeting.documents,
    source: clean({ system: 'ahjo' as const, id: plan.ahjoId, status: plan.meeting.sourceStatus }),
    agenda: { items },
  });
  const publishNow = plan.public && !base.agendaPublishedAt;
  if (current && !publishNow && imported(current) === imported(next)) {
    return { outcome: 'unchanged', meeting: current, warnings };
  }

  const changes = agendaChanges(base.agenda.items, items);
  const at = now.toISOString();
  next.version = current ? current.version + 1 : 1;
  next.updatedAt = at;
  if (!current || changes.length > 0) next.agendaVersion = base.agendaVersion + 1;
  if (publishNow) {
    next.agendaPublishedAt = at;
    const missing = missingForAgenda(items, settings().requiredLanguages);
    if (missing.length > 0) warnings.push({ path: 'Agenda', message: `published as Ahjo shows it, though it lacks ${[...new Set(missing.flatMap((m) => m.languages))].join(', ')}` });
  }

  const also: TransactItem[] = [];
  if (!current) {
    also.push({ Put: { TableName: tableName(), Item: { ...ahjoMeetingKey(plan.ahjoId), type: 'sourceLookup', meetingId: next.id }, ConditionExpression: 'attribute_not_exists(pk)' } });
  }
  if (publishNow) also.push(agendaVersionPut(next, { event: 'published', changes: [], by: 'ahjo' }, now));
  else if (base.agendaPublishedAt && changes.length > 0) also.push(agendaVersionPut(next, { event: 'corrected', changelog: fromAhjo, changes, by: 'ahjo' }, now));

  const known = new Set(base.agenda.items.flatMap((i) => i.documents.map((d) => d.contentKey)));
  await putContents(contents.filter((c) => !known.has(c.sk.slice('CONTENT#'.length))));
  // A lost race to create the lookup means another import created the meeting: 412, read again.
  await saveMeeting(next, current ? current.version : 'new', also);
  return { outcome: current ? 'updated' : 'created', meeting: next, warnings };
}

/**
 * The agenda items of `plan`, keeping the ids (and what staff added: a linked draft, a
 * summary, a proposal) of the items this meeting already has for the same agenda points.
 * A decided item that Ahjo no longer lists stays, at the end, with a warning.
 */
function plannedAgenda(plan: MeetingPlan, base: MeetingItem, contents: ContentItem[], warnings: FieldError[]): StoredAgendaItem[] {
  const byKey = new Map(base.agenda.items.filter((i) => i.source).map((i) => [i.source!.id, i]));
  const items = plan.items.map((p): StoredAgendaItem => {
    const kept = byKey.get(p.key);
    const documents = p.documents.map((d): StoredDocument => {
      let key: string | undefined;
      if (d.html !== undefined) {
        key = sha256(d.html);
        contents.push({ ...contentKey(base.id, key), type: 'agendaContent', meetingId: base.id, format: 'text/html', html: d.html });
      }
      return clean({ language: d.language, contentKey: key, pdfUrl: d.pdfUrl, issuedAt: d.issuedAt });
    });
    return clean({
      id: kept?.id ?? newId(),
      number: p.number,
      title: p.title,
      summary: kept?.summary,
      proposal: kept?.proposal,
      draftId: kept?.draftId,
      caseId: p.caseId ?? kept?.caseId,
      section: p.section,
      documents,
      source: { system: 'ahjo' as const, id: p.key },
    });
  });
  const listed = new Set(items.map((i) => i.id));
  for (const item of base.agenda.items) {
    if (listed.has(item.id) || !base.decisions[item.id]) continue;
    items.push({ ...item, number: items.length + 1 });
    warnings.push({ path: 'Agenda', message: `item ${item.number} (${item.source?.id ?? item.id}) is no longer in Ahjo but has a decision; it stays on the agenda` });
  }
  return items;
}
