/**
 * Schemas every capability shares: ids, times, localized text, list pages.
 * zod 4 classic, imported as a namespace so bundles carry no locales.
 */
import * as z from 'zod';
import { settings } from '#shared/config.ts';

/** ULID: 26 Crockford base-32 characters, sortable by creation time. */
export const Id = z.string().max(26).regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id').meta({ description: 'Opaque id (ULID)' });

export const Time = z.iso.datetime({ offset: false }).max(32).meta({ description: 'ISO 8601 time in UTC', example: '2026-11-22T10:00:00.000Z' });

const languageTag = z.string().max(16).regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'not a language tag');

/** Localized text: `{"fi": "…", "sv": "…"}`, at least one language, each 1..max characters. */
export const localized = (max: number) =>
  z
    .record(languageTag, z.string().trim().min(1).max(max))
    .refine((value) => Object.keys(value).length > 0, 'at least one language is required')
    .refine((value) => Object.keys(value).every((lang) => settings().supportedLanguages.includes(lang)), {
      message: 'unsupported language',
    });

export type Localized = Record<string, string>;

/** Localized text as the API answers it: what `localized` accepted, by language tag. */
export const LocalizedText = z.record(languageTag, z.string().max(20_000))
  .meta({ id: 'LocalizedText', description: 'Text by language tag, e.g. {"fi": "…", "sv": "…"}' });

/** Which required languages `text` lacks. */
export const missingLanguages = (text: Localized | undefined, required: string[]): string[] =>
  text === undefined ? [] : required.filter((lang) => !text[lang]);

/** Query parameters of every list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

/** `{ items, nextCursor }` of some item schema. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item).max(100), nextCursor: z.string().max(2048).nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
