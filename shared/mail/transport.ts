/**
 * Sending a composed message with nodemailer: through Amazon SES (v2, nodemailer's SES
 * transport) when the deployment names a configuration set (SES_CONFIGURATION_SET, set by the
 * CDK stack), else through nodemailer's stream transport into the local mailbox (./capture.ts).
 * Only the mail functions import this: nodemailer stays out of the HTTP bundles.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
// The mailer and the two transports alone: nodemailer's index would bundle SMTP, sendmail and more (~100 KB).
import Mailer from 'nodemailer/lib/mailer/index.js';
import SESTransport from 'nodemailer/lib/ses-transport/index.js';
import StreamTransport from 'nodemailer/lib/stream-transport/index.js';
import { settings } from '#shared/config.ts';
import { tracer } from '#shared/observability.ts';
import { captureMail } from '#shared/mail/capture.ts';
import type { Message } from '#shared/mail/compose.ts';

let ses: Mailer<SESTransport.SentMessageInfo, SESTransport.Options> | undefined;
let local: Mailer<StreamTransport.SentMessageInfo, StreamTransport.Options> | undefined;

const options = (m: Message) => ({
  from: settings().mailFrom,
  to: m.to,
  subject: m.subject,
  text: m.text,
  html: m.html,
  headers: m.headers,
  textEncoding: 'quoted-printable' as const,
});

/** Sends one message; resolves once SES accepted it (or the local mailbox holds it). */
export async function sendMail(m: Message, tag: string): Promise<void> {
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  if (configurationSet) {
    ses ??= new Mailer(new SESTransport({
      SES: {
        sesClient: tracer.captureAWSv3Client(new SESv2Client({ maxAttempts: 3, requestHandler: { connectionTimeout: 1000, requestTimeout: 5000, throwOnRequestTimeout: true } })),
        SendEmailCommand,
      },
    }));
    await ses.sendMail({ ...options(m), ses: { ConfigurationSetName: configurationSet, EmailTags: [{ Name: 'kind', Value: tag }] } });
    return;
  }
  local ??= new Mailer(new StreamTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
  const info = (await local.sendMail(options(m))) as { message: Buffer };
  await captureMail({ to: m.to, subject: m.subject, text: m.text, html: m.html }, info.message);
}
