/**
 * From one Ahjo meeting to what this system stores: the decision maker as a body, the
 * meeting, and its agenda items (one per agenda point, its language versions merged).
 * Pure: every field Ahjo left null, odd or unusable becomes a warning (imported anyway, with
 * the fallback named) or an error (the meeting is not imported), each with its path.
 */
import type { FieldError } from '#shared/http/problem.ts';
import type { Localized } from '#shared/schema.ts';
import type { BodyKind, MeetingStatus } from '#shared/meetings/schema.ts';
import type { MeetingDocument } from '#shared/meetings/repository.ts';
import { AhjoAgendaItem, type AhjoMeeting } from '#shared/ahjo/schema.ts';
import { ahjoTime } from '#shared/ahjo/time.ts';
import { caseIdFrom, htmlCaseId, htmlLanguage, htmlTitle } from '#shared/ahjo/html.ts';
import { sanitizeAhjoHtml } from '#shared/ahjo/sanitize.ts';

export interface PlannedDocument {
  language: string;
  html?: string;
  pdfUrl?: string;
  issuedAt?: string;
}

export interface PlannedItem {
  /** Ahjo's identity of the item within its meeting: `point:<AgendaPoint>`, else `section:<Section>`. */
  key: string;
  number: number;
  title: Localized;
  caseId?: string;
  section?: string;
  documents: PlannedDocument[];
}

export interface MeetingPlan {
  ahjoId: string;
  body: { decisionMakerId: string; name: Localized; kind: BodyKind };
  meeting: { title?: Localized; startsAt: string; location?: Localized; status: MeetingStatus; sourceStatus?: string; documents: MeetingDocument[] };
  items: PlannedItem[];
  /** Ahjo shows the agenda as public. */
  public: boolean;
  warnings: FieldError[];
}

export interface MappingOptions {
  supportedLanguages: string[];
  /** Largest HTML kept per document, in UTF-8 bytes; a longer one keeps only its PDF link. */
  maxHtmlBytes: number;
  maxTitleLength: number;
}

export type Mapped = { plan: MeetingPlan } | { errors: FieldError[] };

const str = (v: unknown): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' || t.toLowerCase() === 'null' ? undefined : t;
};

const httpUrl = (v: unknown): string | undefined => {
  const s = str(v);
  return s && /^https?:\/\/[^\s]+$/i.test(s) && s.length <= 2000 ? s : undefined;
};

/** `true`, `"true"`, or a publication time all mean published; null, false, "" do not. */
const published = (v: unknown): boolean => {
  if (v === true || v === 1) return true;
  const s = str(v);
  return s !== undefined && s.toLowerCase() !== 'false' && s !== '0';
};

/** The kind of body a Finnish decision maker's name says it is. */
export function bodyKind(name: string): BodyKind {
  const n = name.toLowerCase();
  if (n.includes('jaosto')) return 'division';
  if (n.includes('valtuusto')) return 'council';
  if (n.includes('hallitus') || n.includes('johtokunta')) return 'board';
  if (n.includes('lautakunta') || n.includes('toimikunta')) return 'committee';
  return 'other';
}

/** Ahjo statuses seen in practice; `peruttu` means cancelled. */
const knownStatuses = ['luotu', 'kokous varattu', 'esityslista julkaistu', 'kokous pidetty', 'pidetty', 'päätetty', 'päätetty teknisesti', 'pöytäkirja julkaistu', 'pöytäkirja tarkastettu', 'peruttu'];

const untitled: Record<string, string> = { fi: 'Asia', sv: 'Ärende', en: 'Item' };

/** The language the request asked Ahjo for (`?apireqlang=fi` in the self link), else Finnish. */
const requestLanguage = (raw: AhjoMeeting): string => {
  const links = (raw as { links?: unknown }).links;
  const href = Array.isArray(links) ? (links[0] as { href?: unknown } | undefined)?.href : undefined;
  return (typeof href === 'string' ? /[?&]apireqlang=([a-z]{2,3})/i.exec(href)?.[1]?.toLowerCase() : undefined) ?? 'fi';
};

export function mapMeeting(raw: AhjoMeeting, options: MappingOptions): Mapped {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const language = options.supportedLanguages.includes(requestLanguage(raw)) ? requestLanguage(raw) : 'fi';
  const languageOf = (value: unknown, path: string, fallback: string): string => {
    const tag = str(value)?.toLowerCase();
    if (tag === undefined) return fallback;
    if (options.supportedLanguages.includes(tag)) return tag;
    warn(path, `language "${tag}" is not supported here; read as ${fallback}`);
    return fallback;
  };

  const ahjoId = str(raw.MeetingID);
  if (!ahjoId) errors.push({ path: 'MeetingID', message: 'missing: a meeting cannot be imported without its id' });
  else if (!/^[\w.-]{1,64}$/.test(ahjoId)) errors.push({ path: 'MeetingID', message: 'not an Ahjo meeting id' });

  const startsAt = ahjoTime(raw.DateMeeting);
  if (!startsAt) errors.push({ path: 'DateMeeting', message: raw.DateMeeting ? 'not a date and time' : 'missing: a meeting needs its time' });

  let decisionMakerId = str(raw.DecisionMakerId);
  const sequence = str(raw.MeetingSequenceNumber);
  if (!decisionMakerId && ahjoId && startsAt && sequence) {
    // Ahjo's meeting ids are the decision maker's id, the year and the sequence number.
    const suffix = `${new Date(startsAt).getUTCFullYear()}${sequence}`;
    if (ahjoId.endsWith(suffix) && ahjoId.length > suffix.length) {
      decisionMakerId = ahjoId.slice(0, -suffix.length);
      warn('DecisionMakerId', `missing; read from MeetingID as ${decisionMakerId}`);
    }
  }
  if (!decisionMakerId) errors.push({ path: 'DecisionMakerId', message: 'missing: the meeting\'s body is unknown' });
  else if (!/^[\w.-]{1,64}$/.test(decisionMakerId)) errors.push({ path: 'DecisionMakerId', message: 'not an Ahjo decision maker id' });

  if (errors.length > 0 || !ahjoId || !startsAt || !decisionMakerId) return { errors };

  let bodyName = str(raw.DecisionMaker);
  if (!bodyName) {
    bodyName = `Ahjo ${decisionMakerId}`;
    warn('DecisionMaker', `missing; the body is named "${bodyName}" until Ahjo names it`);
  }

  const rawStatus = str(raw.Status);
  const cancelled = rawStatus !== undefined && /peru/i.test(rawStatus);
  if (rawStatus && !knownStatuses.includes(rawStatus.toLowerCase()) && !cancelled) {
    warn('Status', `"${rawStatus}" is not a known Ahjo status; the meeting is kept as scheduled`);
  }

  const name = str(raw.Name);
  const year = new Date(startsAt).getUTCFullYear();
  const title = name ?? (sequence ? `${bodyName} ${sequence}/${year}` : undefined);
  const location = str(raw.Location);

  const items = agendaItems(raw.Agenda, { ...options, language, warn, errors, languageOf });
  if (errors.length > 0) return { errors };

  const anyIssued = (Array.isArray(raw.Agenda) ? raw.Agenda : []).some((entry) => {
    const pdf = (entry as { PDF?: { Issued?: unknown } } | null)?.PDF;
    return pdf !== null && typeof pdf === 'object' && ahjoTime(pdf.Issued) !== undefined;
  });

  return {
    plan: {
      ahjoId,
      body: { decisionMakerId, name: { [language]: bodyName }, kind: bodyKind(bodyName) },
      meeting: {
        title: title ? { [language]: title.slice(0, 300) } : undefined,
        startsAt,
        location: location ? { [language]: location.slice(0, 300) } : undefined,
        status: cancelled ? 'cancelled' : 'scheduled',
        sourceStatus: rawStatus,
        documents: meetingDocuments(raw.MeetingDocuments, warn),
      },
      items,
      public: published(raw.AgendaPublished) || published(raw.MinutesPublished) || anyIssued,
      warnings,
    },
  };
}

function meetingDocuments(value: unknown, warn: (path: string, message: string) => void): MeetingDocument[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((d, i): MeetingDocument[] => {
    const doc = (d ?? {}) as Record<string, unknown>;
    const url = httpUrl(doc.FileURI);
    if (!url) {
      warn(`MeetingDocuments.${i}.FileURI`, 'no usable link; the document is left out');
      return [];
    }
    return [{ url, title: str(doc.Title)?.slice(0, 500), type: str(doc.Type), language: str(doc.Language)?.toLowerCase(), issuedAt: ahjoTime(doc.Issued) }];
  });
}

interface ItemContext extends MappingOptions {
  language: string;
  warn: (path: string, message: string) => void;
  errors: FieldError[];
  languageOf: (value: unknown, path: string, fallback: string) => string;
}

interface Group {
  key: string;
  point?: string;
  title: Localized;
  caseId?: string;
  section?: string;
  documents: PlannedDocument[];
  firstPath: string;
}

/** Agenda entries grouped by agenda point: Ahjo lists an item once per language. */
function agendaItems(value: unknown, ctx: ItemContext): PlannedItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.errors.push({ path: 'Agenda', message: 'not a list of agenda items' });
    return [];
  }
  const groups = new Map<string, Group>();
  value.forEach((entry, i) => {
    const path = `Agenda.${i}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      ctx.errors.push({ path, message: 'not an agenda item' });
      return;
    }
    const parsed = AhjoAgendaItem.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) ctx.warn(`${path}.${issue.path.join('.')}`, `${issue.message}; ignored`);
    }
    const e = entry as Record<string, unknown>;
    const pdf = (e.PDF !== null && typeof e.PDF === 'object' ? e.PDF : {}) as Record<string, unknown>;
    const html = typeof e.HTML === 'string' && e.HTML.trim() !== '' ? e.HTML : undefined;
    const point = str(e.AgendaPoint);
    const section = str(e.Section);
    const key = point ? `point:${point}` : section ? `section:${section}` : `position:${i}`;
    const language = ctx.languageOf(pdf.Language ?? (html ? htmlLanguage(html) : undefined), `${path}.PDF.Language`, ctx.language);
    const group: Group = groups.get(key) ?? { key, point, title: {}, section, documents: [], firstPath: path };
    groups.set(key, group);
    if (group.documents.some((d) => d.language === language)) {
      ctx.warn(path, `agenda point ${point ?? section ?? i} appears twice in ${language}; the first one is kept`);
      return;
    }
    let title = str(e.AgendaItem) ?? str(pdf.Title) ?? (html ? htmlTitle(html) : undefined);
    if (title && title.length > ctx.maxTitleLength) {
      ctx.warn(`${path}.AgendaItem`, `title of ${title.length} characters shortened to ${ctx.maxTitleLength}`);
      title = `${title.slice(0, ctx.maxTitleLength - 1)}…`;
    }
    if (title) group.title[language] = title;
    group.section ??= section;
    group.caseId ??= caseIdFrom(e.CaseIDLabel) ?? caseIdFrom(e.CaseID) ?? (html ? htmlCaseId(html) : undefined);
    const document: PlannedDocument = { language, pdfUrl: httpUrl(pdf.FileURI), issuedAt: ahjoTime(pdf.Issued) };
    if (html && Buffer.byteLength(html, 'utf8') > ctx.maxHtmlBytes) {
      ctx.warn(`${path}.HTML`, `${Buffer.byteLength(html, 'utf8')} bytes of HTML exceed ${ctx.maxHtmlBytes}; only the PDF link is kept`);
    } else if (html) {
      // Facts (title, case id, language) were read from the raw HTML above; what is kept is made safe.
      document.html = sanitizeAhjoHtml(html) || undefined;
    }
    if (document.html || document.pdfUrl) group.documents.push(document);
  });

  const list = [...groups.values()];
  const numeric = list.every((g) => g.point !== undefined && /^\d+$/.test(g.point));
  if (numeric) list.sort((a, b) => Number(a.point) - Number(b.point));
  return list.map((g, n) => {
    if (Object.keys(g.title).length === 0) {
      const lang = g.documents[0]?.language ?? ctx.language;
      g.title[lang] = `${untitled[lang] ?? untitled.fi} ${g.section ?? g.point ?? n + 1}`;
      ctx.warn(`${g.firstPath}.AgendaItem`, `no title in Ahjo; shown as "${g.title[lang]}"`);
    }
    return { key: g.key, number: n + 1, title: g.title, caseId: g.caseId, section: g.section, documents: g.documents };
  });
}
