/**
 * Pure rules of an agenda: how a replacement keeps items, what changed between two versions,
 * what publishing needs, and how large one meeting's agenda may grow.
 */
import { missingLanguages, type Localized } from '#shared/schema.ts';
import { unprocessable } from '#shared/http/problem.ts';
import type { AgendaChange } from '#shared/meetings/schema.ts';

/** One language's document of an agenda item: its HTML is stored apart, content-addressed. */
export interface StoredDocument {
  language: string;
  /** The `CONTENT#<key>` row holding the HTML; absent when only a PDF link is known. */
  contentKey?: string;
  pdfUrl?: string;
  issuedAt?: string;
}

export interface StoredAgendaItem {
  id: string;
  number: number;
  title: Localized;
  summary?: Localized;
  proposal?: Localized;
  draftId?: string;
  caseId?: string;
  section?: string;
  documents: StoredDocument[];
  source?: { system: 'ahjo'; id: string };
}

/** What staff send for one item (`id` keeps an existing one). */
export interface AgendaItemInput {
  id?: string;
  title: Localized;
  summary?: Localized;
  proposal?: Localized;
  draftId?: string;
  caseId?: string;
}

/**
 * The agenda after a replacement: items in the order sent, numbered 1..n. An item sent with
 * its id keeps that id and what staff cannot send (documents, section, source); an id the
 * agenda does not have, or one sent twice, is refused.
 */
export function replacedAgenda(current: StoredAgendaItem[], input: AgendaItemInput[], newId: () => string): StoredAgendaItem[] {
  const byId = new Map(current.map((i) => [i.id, i]));
  const errors = input.flatMap((item, i) =>
    item.id !== undefined && !byId.has(item.id) ? [{ path: `body.items.${i}.id`, message: 'this agenda has no such item' }] : []);
  const seen = new Set<string>();
  input.forEach((item, i) => {
    if (item.id === undefined) return;
    if (seen.has(item.id)) errors.push({ path: `body.items.${i}.id`, message: 'the same item appears twice' });
    seen.add(item.id);
  });
  if (errors.length > 0) throw unprocessable('Items can keep only ids this agenda has, once each.', errors);
  return input.map((item, i) => {
    const kept = item.id !== undefined ? byId.get(item.id) : undefined;
    return clean({
      id: item.id ?? newId(),
      number: i + 1,
      title: item.title,
      summary: item.summary,
      proposal: item.proposal,
      draftId: item.draftId,
      caseId: item.caseId,
      section: kept?.section,
      documents: kept?.documents ?? [],
      source: kept?.source,
    });
  });
}

/** Drops undefined fields, so stored items compare by what they hold. */
export const clean = <T extends object>(item: T): T =>
  Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as T;

const compared = ['number', 'title', 'summary', 'proposal', 'draftId', 'caseId', 'section', 'documents'] as const;

/** JSON with object keys sorted: stored maps come back from DynamoDB in any key order. */
export const canonicalJson = (value: unknown): string => JSON.stringify(canonical(value));
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
};

/** What changed from one agenda to the next, item by item. Empty when nothing did. */
export function agendaChanges(before: StoredAgendaItem[], after: StoredAgendaItem[]): AgendaChange[] {
  const old = new Map(before.map((i) => [i.id, i]));
  const kept = new Set(after.map((i) => i.id));
  const changes: AgendaChange[] = [];
  for (const item of after) {
    const was = old.get(item.id);
    if (!was) {
      changes.push({ itemId: item.id, number: item.number, change: 'added', fields: [] });
      continue;
    }
    const fields = compared.filter((f) => !same(was[f], item[f]));
    if (fields.length > 0) changes.push({ itemId: item.id, number: item.number, change: 'changed', fields });
  }
  for (const item of before) {
    if (!kept.has(item.id)) changes.push({ itemId: item.id, number: null, change: 'removed', fields: [] });
  }
  return changes;
}

/** Items with a decision that a replacement would drop. */
export const droppedDecided = (after: StoredAgendaItem[], decisions: Record<string, string>): string[] => {
  const kept = new Set(after.map((i) => i.id));
  return Object.keys(decisions).filter((itemId) => !kept.has(itemId));
};

/** Every localized field of the agenda that lacks a required language, with its path. */
export const missingForAgenda = (items: StoredAgendaItem[], required: string[]) =>
  items
    .flatMap((item, i) => [
      [`items.${i}.title`, item.title],
      [`items.${i}.summary`, item.summary],
      [`items.${i}.proposal`, item.proposal],
    ] as [string, Localized | undefined][])
    .map(([path, text]) => ({ path, languages: missingLanguages(text, required) }))
    .filter((m) => m.languages.length > 0);

/**
 * One meeting's agenda lives in the meeting item, so it is written atomically whatever its
 * length, and read with one GetItem. DynamoDB items hold 400 KB; this leaves room for the rest.
 */
export const agendaByteLimit = 300_000;

export const agendaBytes = (items: StoredAgendaItem[]): number => Buffer.byteLength(JSON.stringify(items), 'utf8');
