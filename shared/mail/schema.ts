/**
 * How a resident hears about what they follow by e-mail: their language and how often.
 * The address is never typed in: it is the token's verified `email` claim.
 */
import * as z from 'zod/mini';
import { settings } from '#shared/config.ts';

export const EmailFrequency = z.enum(['off', 'immediate', 'daily', 'weekly']);
export type EmailFrequency = z.infer<typeof EmailFrequency>;

const language = z.string().check(
  z.maxLength(16),
  z.refine((lang) => settings().supportedLanguages.includes(lang), 'unsupported language'),
).register(z.globalRegistry, { description: 'A language tag the deployment supports (fi, sv, en, …)', example: 'sv' });

/** `PUT /v1/me/preferences`. */
export const PreferencesBody = z.strictObject({
  language,
  email: EmailFrequency,
}).register(z.globalRegistry, { id: 'PreferencesRequest' });

export const Preferences = z.object({
  language: z.string().check(z.maxLength(16)),
  email: EmailFrequency,
  /** Where e-mail goes: the verified address of the token that last saved these preferences (null: none yet). */
  address: z.nullable(z.string().check(z.maxLength(254))),
}).register(z.globalRegistry, { id: 'Preferences' });
export type Preferences = z.infer<typeof Preferences>;

/** `POST /v1/unsubscribe/{token}`: the token in the path (letters, digits, `-`, `_`). */
export const UnsubscribeParams = z.object({
  token: z.string().check(z.minLength(20), z.maxLength(400), z.regex(/^[A-Za-z0-9_-]+$/, 'not a token')),
});

/** The body RFC 8058 one-click unsubscribe sends, form-encoded. */
export const UnsubscribeBody = z.object({
  'List-Unsubscribe': z.optional(z.literal('One-Click')),
}).register(z.globalRegistry, { id: 'OneClickUnsubscribe', description: '`List-Unsubscribe=One-Click`, as mail clients send it (RFC 8058)' });

export const Unsubscribed = z.object({ email: z.literal('off') }).register(z.globalRegistry, { id: 'Unsubscribed' });
