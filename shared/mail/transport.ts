/**
 * Sending a composed message (./compose.ts): one Amazon SES v2 `SendEmail` request with
 * simple content. SES writes the MIME message from it (UTF-8 subject, text and HTML
 * alternatives) and adds our headers (RFC 8058 `List-Unsubscribe`, `Content-Language`),
 * so no MIME composer runs in the functions: nodemailer's, with its 74 KB table of media
 * types, kept both mail bundles over the size bar.
 *
 * In AWS (the deployment names a configuration set, SES_CONFIGURATION_SET, set by the CDK
 * stack) the request goes to SES, signed here (shared/storage/aws-json.ts) instead of by
 * `@aws-sdk/client-sesv2`. Like the SDK client as it was configured: three attempts of at
 * most 5 s each, retrying only throttling, server errors and no answer; a failure keeps
 * the SES error code as its `name` and the status in `$metadata`, which `unavailable()`
 * (shared/data/client.ts) reads. Locally the very same request is kept in the local
 * mailbox (./capture.ts) instead.
 */
import { settings } from '#shared/config.ts';
import { captureMail } from '#shared/mail/capture.ts';
import type { Message } from '#shared/mail/compose.ts';
import { postRestJson, type JsonService } from '#shared/storage/aws-json.ts';

/** SES API v2: REST-JSON at `email.<region>.amazonaws.com`, signed as `ses` (AWS_ENDPOINT_URL_SESV2 overrides the endpoint, as for the SDK). */
export const sesV2: JsonService = { signingName: 'ses', endpointPrefix: 'email', envId: 'SESV2' };

/** The body of SES v2 `SendEmail` for one message (the operation's JSON shape). */
export interface SendEmailRequest {
  FromEmailAddress: string;
  Destination: { ToAddresses: string[] };
  Content: {
    Simple: {
      Subject: { Data: string; Charset: 'UTF-8' };
      Body: { Text: { Data: string; Charset: 'UTF-8' }; Html: { Data: string; Charset: 'UTF-8' } };
      Headers: { Name: string; Value: string }[];
    };
  };
  ConfigurationSetName?: string;
  EmailTags: { Name: string; Value: string }[];
}

/** Headers SES sets itself, which simple content may not carry (SES developer guide, "Amazon SES header fields"). */
const setBySes = new Set(['bcc', 'cc', 'content-disposition', 'content-type', 'date', 'from', 'message-id', 'mime-version', 'reply-to', 'return-path', 'subject', 'to']);

const printableAscii = /^[\x20-\x7e]*$/;
/** RFC 5322 `specials`: a display name holding one must be quoted. */
const specials = /[()<>[\]:;@\\,."]/;

/**
 * `name` as RFC 2047 encoded-words (B encoding, UTF-8), each at most 75 characters and
 * never splitting a character, as SES wants a non-ASCII display name (it has no SMTPUTF8).
 */
export function encodedWords(name: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of name) {
    // 45 bytes make 60 base64 characters: with `=?UTF-8?B?` and `?=` that is 72.
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(' ');
}

/**
 * The configured sender (`Name <address>` or a bare address) as SES takes `FromEmailAddress`:
 * a non-ASCII name as encoded-words, a name with specials quoted. The address itself must
 * be ASCII (a domain in Punycode), or nothing could be sent.
 */
export function fromAddress(from: string): string {
  const named = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(from);
  const address = named ? named[2]! : from.trim();
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(address)) throw new Error(`MAIL_FROM must be an ASCII address (a domain in Punycode), not "${address}"`);
  const name = named ? named[1]!.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1') : '';
  if (!name) return address;
  if (!printableAscii.test(name)) return `${encodedWords(name)} <${address}>`;
  if (specials.test(name)) return `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`;
  return `${name} <${address}>`;
}

/** The `SendEmail` request for `m`, tagged with its `kind` (the event, or the digest's frequency). */
export function sendEmailRequest(m: Message, kind: string, configurationSet?: string): SendEmailRequest {
  const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' as const });
  const refused = Object.keys(m.headers).filter((name) => setBySes.has(name.toLowerCase()));
  if (refused.length > 0) throw new Error(`SES sets ${refused.join(', ')} itself: not a header a message may carry`);
  return {
    FromEmailAddress: fromAddress(settings().mailFrom),
    Destination: { ToAddresses: [m.to] },
    Content: {
      Simple: {
        Subject: utf8(m.subject),
        Body: { Text: utf8(m.text), Html: utf8(m.html) },
        Headers: Object.entries(m.headers).map(([Name, Value]) => ({ Name, Value })),
      },
    },
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    EmailTags: [{ Name: 'kind', Value: kind }],
  };
}

/** Sends one message; resolves once SES accepted it (or the local mailbox holds it). */
export async function sendMail(m: Message, kind: string): Promise<void> {
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  const request = sendEmailRequest(m, kind, configurationSet);
  if (configurationSet) {
    await postRestJson(sesV2, 'SendEmail', '/v2/email/outbound-emails', request, { timeoutMs: 5000, attempts: 3 });
    return;
  }
  await captureMail(request);
}
