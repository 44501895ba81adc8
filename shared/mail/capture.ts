/**
 * The local runtime's mailbox: every message the transport would hand to SES is kept under
 * `LOCAL#MAIL` / `<sentAt>#<id>` (a week), and `GET /local/mail` lists them newest first.
 * Never used in AWS, where SES sends.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import type { CapturedMail } from '#shared/mail/capture-schema.ts';
import type { SendEmailRequest } from '#shared/mail/transport.ts';

const partition = 'LOCAL#MAIL';
const keepSeconds = 7 * 86_400;

/**
 * Keeps the `SendEmail` request the transport would have sent: recipient, subject, both
 * bodies, and the headers SES would be given (lower-case names), with From, To and Subject.
 */
export async function captureMail(request: SendEmailRequest, now = new Date()): Promise<void> {
  const sentAt = now.toISOString();
  const { Subject, Body, Headers } = request.Content.Simple;
  const to = request.Destination.ToAddresses.join(', ');
  const headers = {
    from: request.FromEmailAddress, to, subject: Subject.Data,
    ...Object.fromEntries(Headers.map((h) => [h.Name.toLowerCase(), h.Value])),
  };
  await db().send(new PutCommand({
    TableName: tableName(),
    Item: {
      pk: partition, sk: `${sentAt}#${newId()}`, type: 'localMail',
      to, subject: Subject.Data, text: Body.Text.Data, html: Body.Html.Data, headers, sentAt,
      expiresAt: Math.floor(now.getTime() / 1000) + keepSeconds,
    },
  }));
}

export async function listCaptured(limit = 100): Promise<CapturedMail[]> {
  const out = await db().send(new QueryCommand({
    TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition },
    ScanIndexForward: false, Limit: limit, ConsistentRead: true,
  }));
  return (out.Items ?? []).map((i) => ({ to: i.to, subject: i.subject, text: i.text, html: i.html, headers: i.headers, sentAt: i.sentAt }));
}
