/**
 * The local runtime's mailbox: every message the local transport composes is kept under
 * `LOCAL#MAIL` / `<sentAt>#<id>` (a week), with the headers as nodemailer wrote them, and
 * `GET /local/mail` lists them newest first. Never used in AWS, where SES sends.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import type { CapturedMail } from '#shared/mail/capture-schema.ts';

const partition = 'LOCAL#MAIL';
const keepSeconds = 7 * 86_400;

/** The header section of a raw MIME message, unfolded, by lower-case name (a repeated header keeps its first value). */
export function headersOf(raw: Buffer): Record<string, string> {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const section = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of section.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

export async function captureMail(mail: Omit<CapturedMail, 'headers' | 'sentAt'>, raw: Buffer, now = new Date()): Promise<void> {
  const sentAt = now.toISOString();
  await db().send(new PutCommand({
    TableName: tableName(),
    Item: { pk: partition, sk: `${sentAt}#${newId()}`, type: 'localMail', ...mail, headers: headersOf(raw), sentAt, expiresAt: Math.floor(now.getTime() / 1000) + keepSeconds },
  }));
}

export async function listCaptured(limit = 100): Promise<CapturedMail[]> {
  const out = await db().send(new QueryCommand({
    TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition },
    ScanIndexForward: false, Limit: limit, ConsistentRead: true,
  }));
  return (out.Items ?? []).map((i) => ({ to: i.to, subject: i.subject, text: i.text, html: i.html, headers: i.headers, sentAt: i.sentAt }));
}
