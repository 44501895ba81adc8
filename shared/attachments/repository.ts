/**
 * Attachments in the draft's item collection: `DRAFT#<draftId>` / `DRAFT#ATTACHMENT#<id>`,
 * so the one Query that reads a draft reads its attachments too. The bytes live in object
 * storage under `attachments/<draftId>/<id>`. A pending attachment (bytes not yet checked)
 * expires with the table's TTL if it is never completed.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { conflict } from '#shared/http/problem.ts';
import type { Localized } from '#shared/schema.ts';
import { downloadUrl } from '#shared/storage/signed.ts';
import type { Attachment, AttachmentType, CreateAttachmentBody } from '#shared/attachments/schema.ts';

export interface AttachmentItem {
  pk: string;
  sk: string;
  type: 'attachment';
  id: string;
  draftId: string;
  status: 'pending' | 'ready';
  filename: string;
  contentType: AttachmentType;
  bytes: number;
  title: Localized;
  alt?: Localized;
  sectionId?: string;
  objectKey: string;
  createdAt: string;
  readyAt?: string;
  /** TTL (epoch seconds) of a pending attachment. */
  expiresAt?: number;
}

export const attachmentPrefix = 'DRAFT#ATTACHMENT#';
export const attachmentKey = (draftId: string, id: string) => ({ pk: `DRAFT#${draftId}`, sk: `${attachmentPrefix}${id}` });
export const objectKeyOf = (draftId: string, id: string) => `attachments/${draftId}/${id}`;

/** A pending attachment is kept this long for its upload to be completed. */
const pendingSeconds = 2 * 24 * 3600;

export async function createAttachment(draftId: string, input: CreateAttachmentBody, id: string, now: Date): Promise<AttachmentItem> {
  const item: AttachmentItem = {
    ...attachmentKey(draftId, id),
    type: 'attachment',
    id,
    draftId,
    status: 'pending',
    filename: input.filename,
    contentType: input.contentType,
    bytes: input.bytes,
    title: input.title,
    ...(input.alt ? { alt: input.alt } : {}),
    ...(input.sectionId ? { sectionId: input.sectionId } : {}),
    objectKey: objectKeyOf(draftId, id),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + pendingSeconds,
  };
  await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  return item;
}

export async function getAttachment(draftId: string, id: string, consistent = false): Promise<AttachmentItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: attachmentKey(draftId, id), ConsistentRead: consistent }));
  return out.Item as AttachmentItem | undefined;
}

/** Pending -> ready, once; a second completion of a ready one changes nothing. */
export async function markReady(a: AttachmentItem, now: Date): Promise<AttachmentItem> {
  try {
    await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: attachmentKey(a.draftId, a.id),
      UpdateExpression: 'SET #status = :ready, readyAt = :at REMOVE expiresAt',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':ready': 'ready', ':pending': 'pending', ':at': now.toISOString() },
    }));
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    const current = await getAttachment(a.draftId, a.id, true);
    if (current?.status === 'ready') return current;
    throw conflict('attachment-gone', 'Attachment gone', 'The attachment was deleted meanwhile.');
  }
  const { expiresAt: _ttl, ...rest } = a;
  return { ...rest, status: 'ready', readyAt: now.toISOString() };
}

export async function deleteAttachment(a: Pick<AttachmentItem, 'draftId' | 'id'>): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: attachmentKey(a.draftId, a.id) }));
}

/** A ready attachment as drafts show it, with a download link. */
export const attachmentView = (a: AttachmentItem, now: Date): Attachment => ({
  id: a.id,
  title: a.title,
  alt: a.alt ?? null,
  filename: a.filename,
  contentType: a.contentType,
  bytes: a.bytes,
  sectionId: a.sectionId ?? null,
  url: downloadUrl(a.objectKey, now),
});
