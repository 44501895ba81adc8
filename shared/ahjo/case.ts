/**
 * From one Ahjo case (`/ahjorest/v1/cases/{id}`) to what this system stores: its id in one
 * spelling, title, status, handling steps and the public documents' metadata and links.
 * Pure, like the meeting mapping: what cannot be used is a warning, a missing case id an error.
 */
import * as z from 'zod/mini';
import type { FieldError } from '#shared/http/problem.ts';
import type { Localized } from '#shared/schema.ts';
import type { CaseDocument, Handling } from '#shared/cases/schema.ts';
import { caseIdFrom } from '#shared/ahjo/html.ts';
import { ahjoTime } from '#shared/ahjo/time.ts';

const text = z.optional(z.nullable(z.string().check(z.maxLength(10_000))));
const list = (max: number) => z.optional(z.nullable(z.array(z.unknown()).check(z.maxLength(max))));

export const AhjoCase = z.looseObject({
  CaseIDLabel: text.clone().register(z.globalRegistry, { description: 'The case id as Ahjo labels it, e.g. "HEL 2025-001216" (required)' }),
  CaseID: text,
  Title: text,
  Status: text.clone().register(z.globalRegistry, { description: 'e.g. "Ratkaistu" (decided), "Vireillä" (pending)' }),
  Language: text,
  Created: text,
  ClassificationCode: text,
  ClassificationTitle: text,
  PublicityClass: text,
  Handlings: list(500).register(z.globalRegistry, { description: 'Handling steps: WorkSequenceNumber, Sector, SectorID, Status, Created, DateNearestDeadline' }),
  Records: list(500).register(z.globalRegistry, { description: 'Documents: Title, Type, Language, FileURI, Issued, PublicityClass, PersonalData' }),
}).register(z.globalRegistry, { id: 'AhjoCase', description: 'One case in the shape of Ahjo\'s REST API; unknown fields are ignored.' });
export type AhjoCase = z.infer<typeof AhjoCase>;

export interface CasePlan {
  caseId: string;
  ahjoId: string;
  title?: Localized;
  status?: string;
  classification?: { code?: string; title?: string };
  createdAt?: string;
  handlings: Handling[];
  documents: CaseDocument[];
  warnings: FieldError[];
}

export const str = (v: unknown, max = 1000): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' || t.toLowerCase() === 'null' ? undefined : t.slice(0, max);
};

export const httpUrl = (v: unknown): string | undefined => {
  const s = str(v, 2000);
  return s && /^https?:\/\/[^\s]+$/i.test(s) ? s : undefined;
};

/** `Sisältää henkilötietoja` (contains personal data) and the like; `Ei sisällä …` does not. */
export const hasPersonalData = (v: unknown): boolean => {
  const s = str(v)?.toLowerCase();
  return s !== undefined && !/^(ei|no|inga?|false)\b/.test(s);
};

/** `Julkinen` (public), or not said; anything else is withheld. */
export const isPublic = (v: unknown): boolean => {
  const s = str(v)?.toLowerCase();
  return s === undefined || s === 'julkinen' || s === 'offentlig' || s === 'public';
};

const object = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});

export function mapCase(raw: AhjoCase, supportedLanguages: string[]): { plan: CasePlan } | { errors: FieldError[] } {
  const label = str(raw.CaseIDLabel);
  if (!label) return { errors: [{ path: 'CaseIDLabel', message: 'missing: a case cannot be imported without its id' }] };
  const caseId = caseIdFrom(label);
  if (!caseId) return { errors: [{ path: 'CaseIDLabel', message: `"${label.slice(0, 100)}" is not an Ahjo case id` }] };
  const warnings: FieldError[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });

  const asked = str(raw.Language)?.toLowerCase();
  const language = asked && supportedLanguages.includes(asked) ? asked : 'fi';
  if (asked && asked !== language) warn('Language', `language "${asked}" is not supported here; read as ${language}`);
  const title = str(raw.Title, 1000);
  if (!title) warn('Title', 'missing; the case has no title until Ahjo gives one');

  const handlings = (Array.isArray(raw.Handlings) ? raw.Handlings : []).flatMap((h, i): Handling[] => {
    const e = object(h);
    const sequence = Number(e.WorkSequenceNumber);
    if (!Number.isInteger(sequence)) {
      warn(`Handlings.${i}.WorkSequenceNumber`, 'not a number; the step is left out');
      return [];
    }
    return [{
      sequence,
      sector: str(e.Sector, 300) ?? null,
      sectorId: str(e.SectorID, 50) ?? null,
      status: str(e.Status, 100) ?? null,
      createdAt: ahjoTime(e.Created) ?? null,
      deadline: ahjoTime(e.DateNearestDeadline) ?? null,
    }];
  }).sort((a, b) => a.sequence - b.sequence);

  const documents = (Array.isArray(raw.Records) ? raw.Records : []).flatMap((r, i): CaseDocument[] => {
    const e = object(r);
    if (!isPublic(e.PublicityClass)) {
      warn(`Records.${i}.PublicityClass`, `"${str(e.PublicityClass, 100)}": not public, left out`);
      return [];
    }
    return [{
      title: str(e.Title, 1000) ?? null,
      type: str(e.Type, 100) ?? null,
      language: str(e.Language, 16)?.toLowerCase() ?? null,
      url: httpUrl(e.FileURI) ?? null,
      issuedAt: ahjoTime(e.Issued) ?? null,
      publicity: str(e.PublicityClass, 100) ?? null,
      personalData: hasPersonalData(e.PersonalData),
    }];
  });

  const code = str(raw.ClassificationCode, 50);
  const classTitle = str(raw.ClassificationTitle, 300);
  return {
    plan: {
      caseId,
      ahjoId: str(raw.CaseID, 100) ?? caseId,
      title: title ? { [language]: title } : undefined,
      status: str(raw.Status, 100),
      classification: code || classTitle ? { code, title: classTitle } : undefined,
      createdAt: ahjoTime(raw.Created),
      handlings,
      documents,
      warnings,
    },
  };
}
