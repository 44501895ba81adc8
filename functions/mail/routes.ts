/** Routes of e-mail: the resident's preferences, one-click unsubscribe, and the local runtime's mailbox and digest trigger. */
import * as z from 'zod/mini';
import { route } from '#shared/http/route.ts';
import { Preferences, PreferencesBody, Unsubscribed, UnsubscribeBody, UnsubscribeParams } from '#shared/mail/schema.ts';
import { CapturedMail, DigestRun, DigestRunBody } from '#shared/mail/capture-schema.ts';

const tag = 'Following';

export const getPreferences = route({
  operationId: 'getPreferences', method: 'GET', path: '/v1/me/preferences', fn: 'mail/preferences', access: 'resident', tag,
  summary: 'How you hear about what you follow: language and e-mail',
  description: 'Until you save them: the deployment\'s first required language and e-mail `off`. ' +
    '`address` is where e-mail goes: the verified `email` of the token that last saved your preferences.',
  responses: { 200: { description: 'Your preferences', schema: Preferences } },
});

export const putPreferences = route({
  operationId: 'putPreferences', method: 'PUT', path: '/v1/me/preferences', fn: 'mail/preferences', access: 'resident', tag,
  summary: 'Choose your language and how often e-mail comes',
  description: '`immediate`: a message as each notification arrives (a response to your comment, a decision on what you follow, …; ' +
    'new comments only in digests); `daily`/`weekly`: one message gathering everything since the last one; `off`: none. ' +
    'E-mail goes only to your token\'s `email` when `email_verified` is true; without one, anything but `off` is 422 `unprocessable`.',
  body: PreferencesBody,
  responses: { 200: { description: 'Saved', schema: Preferences } },
});

export const unsubscribe = route({
  operationId: 'unsubscribe', method: 'POST', path: '/v1/unsubscribe/{token}', fn: 'mail/preferences', access: 'public', tag,
  summary: 'One-click unsubscribe (RFC 8058): turns e-mail off',
  description: 'The link every message carries in `List-Unsubscribe`; mail clients post `List-Unsubscribe=One-Click` ' +
    '(`application/x-www-form-urlencoded`). No login: the token is signed and names one person. Repeating it is harmless. ' +
    'A token this deployment did not make is 404.',
  params: UnsubscribeParams,
  body: UnsubscribeBody,
  bodyType: 'form',
  maxBodyBytes: 1024,
  responses: { 200: { description: 'E-mail is off', schema: Unsubscribed } },
});

export const listMail = route({
  operationId: 'listMail', method: 'GET', path: '/local/mail', fn: 'local', access: 'public', tag: 'Platform', localOnly: true,
  summary: 'Local runtime only: the messages it sent, newest first',
  responses: { 200: { description: 'Sent messages', schema: z.object({ items: z.array(CapturedMail) }).register(z.globalRegistry, { id: 'CapturedMailList' }) } },
});

export const runDigests = route({
  operationId: 'runDigests', method: 'POST', path: '/local/digests/run', fn: 'mail/digest', access: 'public', tag: 'Platform', localOnly: true,
  summary: 'Local runtime only: run the daily or weekly digest job now',
  body: DigestRunBody,
  responses: { 200: { description: 'What the run did', schema: DigestRun } },
});

export const mailRoutes = [getPreferences, putPreferences, unsubscribe, listMail, runDigests];
