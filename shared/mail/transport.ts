/**
 * Sending a composed message: nodemailer's MailComposer writes the MIME message, then it goes
 * to Amazon SES (v2) when the deployment names a configuration set (SES_CONFIGURATION_SET,
 * set by the CDK stack), else into the local mailbox (./capture.ts).
 *
 * SES gets the message as nodemailer's SES transport gave it to the SES client: one
 * `SendEmail` request with the raw MIME (CRLF line ends), the From header's address as
 * `FromEmailAddress`, the recipient as `Destination`, and the configuration set and the
 * `kind` tag. The request is signed here (shared/storage/aws-json.ts over signed.ts) instead
 * of by `@aws-sdk/client-sesv2`, whose client and protocol code added some 80 KB to both mail
 * functions; nodemailer's Mailer and its transports are not needed around the composer.
 * Like the SDK client as it was configured: three attempts of at most 5 s each, retrying
 * only throttling, server errors and no answer; a failure keeps the SES error code as its
 * `name` and the status in `$metadata`, which `unavailable()` (shared/data/client.ts) reads.
 * Only the mail functions import this: nodemailer stays out of the HTTP bundles.
 */
// The composer alone: nodemailer's index would bundle SMTP, sendmail and more (~100 KB),
// and its Mailer (plugins, DKIM, data-URL images) adds nothing to a message like ours.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { settings } from '#shared/config.ts';
import { captureMail } from '#shared/mail/capture.ts';
import type { Message } from '#shared/mail/compose.ts';
import { postRestJson, type JsonService } from '#shared/storage/aws-json.ts';

/** SES API v2: REST-JSON at `email.<region>.amazonaws.com`, signed as `ses` (AWS_ENDPOINT_URL_SESV2 overrides the endpoint, as for the SDK). */
export const sesV2: JsonService = { signingName: 'ses', endpointPrefix: 'email', envId: 'SESV2' };

/** The mail data nodemailer composes from: text and HTML alternatives, no attachments. */
const mailData = (m: Message) => ({
  from: settings().mailFrom,
  to: m.to,
  subject: m.subject,
  text: m.text,
  html: m.html,
  headers: m.headers,
  textEncoding: 'quoted-printable' as const,
  // CRLF throughout, as both of nodemailer's transports used here wrote it (and SES wants).
  newline: 'windows' as const,
});

interface Composed {
  raw: Buffer;
  /** The From header as nodemailer encodes it (display name included), as its SES transport passed it. */
  from: string;
  to: string[];
}

/** The MIME message nodemailer composes for `m`, with its sender and recipients. */
export async function composeMime(m: Message): Promise<Composed> {
  const node = new MailComposer(mailData(m)).compile();
  const raw = await node.build();
  // What nodemailer's SES transport sent as FromEmailAddress (MimeNode's own address helpers).
  const addresses = node as unknown as { _parseAddresses(v: string): unknown; _convertAddresses(a: unknown): string };
  return { raw, from: addresses._convertAddresses(addresses._parseAddresses(settings().mailFrom)), to: node.getEnvelope().to };
}

/** Sends one message; resolves once SES accepted it (or the local mailbox holds it). */
export async function sendMail(m: Message, tag: string): Promise<void> {
  const composed = await composeMime(m);
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  if (configurationSet) {
    await postRestJson(sesV2, 'SendEmail', '/v2/email/outbound-emails', {
      FromEmailAddress: composed.from,
      Destination: { ToAddresses: composed.to },
      Content: { Raw: { Data: composed.raw.toString('base64') } },
      ConfigurationSetName: configurationSet,
      EmailTags: [{ Name: 'kind', Value: tag }],
    }, { timeoutMs: 5000, attempts: 3 });
    return;
  }
  await captureMail({ to: m.to, subject: m.subject, text: m.text, html: m.html }, composed.raw);
}
