/**
 * Schemas every capability shares: ids, times, localized text, list pages.
 * zod 4 mini: functions instead of methods, so a bundle carries only the parts it uses
 * (classic zod cost every Lambda ~50 KB more). Mini starts without error messages; the
 * English locale is set here, once, for everything validated with these schemas. Never
 * `z.locales`: that namespace would bundle every language.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { settings } from '#shared/config.ts';

z.config(en());

/** ULID: 26 Crockford base-32 characters, sortable by creation time. */
export const Id = z.string().check(z.maxLength(26), z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id'))
  .register(z.globalRegistry, { description: 'Opaque id (ULID)' });

export const Time = z.iso.datetime({ offset: false }).check(z.maxLength(32))
  .register(z.globalRegistry, { description: 'ISO 8601 time in UTC', example: '2026-11-22T10:00:00.000Z' });

const languageTag = z.string().check(z.maxLength(16), z.regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'not a language tag'));

/** Localized text: `{"fi": "…", "sv": "…"}`, at least one language, each 1..max characters. */
export const localized = (max: number) =>
  z.record(languageTag, z.string().check(z.trim(), z.minLength(1), z.maxLength(max))).check(
    z.refine((value) => Object.keys(value).length > 0, 'at least one language is required'),
    z.refine((value) => Object.keys(value).every((lang) => settings().supportedLanguages.includes(lang)), {
      message: 'unsupported language',
    }),
  );

export type Localized = Record<string, string>;

/** Localized text as the API answers it: what `localized` accepted, by language tag. */
export const LocalizedText = z.record(languageTag, z.string().check(z.maxLength(20_000)))
  .register(z.globalRegistry, { id: 'LocalizedText', description: 'Text by language tag, e.g. {"fi": "…", "sv": "…"}' });

/** Which required languages `text` lacks. */
export const missingLanguages = (text: Localized | undefined, required: string[]): string[] =>
  text === undefined ? [] : required.filter((lang) => !text[lang]);

/** Query parameters of every list. */
export const PageQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

/** `{ items, nextCursor }` of some item schema. */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item).check(z.maxLength(100)), nextCursor: z.nullable(z.string().check(z.maxLength(2048))) });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A municipality's case id (diaarinumero). Here, not with the drafts' schemas, so that meetings and cases need not bundle those. */
export const CaseId = z.string().check(z.trim(), z.maxLength(64), z.regex(/^[\p{L}\p{N}][\p{L}\p{N} ._:/-]{0,63}$/u, 'not a case id'))
  .register(z.globalRegistry, { description: 'The municipality\'s case id, e.g. HEL-2025-001216' });
