/**
 * Cases in the table. Item collection `CASE#<caseId>` (the id in its one spelling, rules.ts):
 *   `CASE`               what the source system (Ahjo) says of the case, with `revision`,
 *                        counting every imported change;
 *   `LINK#<kind>#<id>`   a draft, agenda item or decision carrying the case id, written by the
 *                        cases consumer from the domain events that made it public.
 * Reading a case is one Query of its collection: a case has tens of entries, not thousands.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryAll } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { preconditionFailed } from '#shared/http/problem.ts';
import type { Localized } from '#shared/schema.ts';
import { canonicalJson, clean } from '#shared/meetings/rules.ts';
import { inTimeOrder } from '#shared/cases/rules.ts';
import type { Case, CaseDocument, Handling, RelatedKind } from '#shared/cases/schema.ts';

export interface CaseItem {
  pk: string;
  sk: 'CASE';
  type: 'case';
  caseId: string;
  title?: Localized;
  status?: string;
  classification?: { code?: string; title?: string };
  sourceCreatedAt?: string;
  handlings: Handling[];
  documents: CaseDocument[];
  source: { system: 'ahjo'; id: string };
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseLinkItem {
  pk: string;
  sk: string;
  type: 'caseLink';
  caseId: string;
  kind: RelatedKind;
  id: string;
  at: string;
  title?: Localized;
  meetingId?: string;
}

export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' as const });
const linkKey = (caseId: string, kind: RelatedKind, id: string) => ({ pk: `CASE#${caseId}`, sk: `LINK#${kind}#${id}` });

/** The fields an import may change: equal fields mean nothing to write. */
export type ImportedCase = Pick<CaseItem, 'caseId' | 'title' | 'status' | 'classification' | 'sourceCreatedAt' | 'handlings' | 'documents' | 'source'>;
const imported = (c: ImportedCase) =>
  canonicalJson(clean({ t: c.title, s: c.status, c: c.classification, a: c.sourceCreatedAt, h: c.handlings, d: c.documents, o: c.source }));

const selfOf = (l: Pick<CaseLinkItem, 'kind' | 'id' | 'meetingId'>): string =>
  l.kind === 'draft' ? `/v1/drafts/${l.id}` : l.kind === 'decision' ? `/v1/decisions/${l.id}` : `/v1/meetings/${l.meetingId}/items/${l.id}`;

export const caseView = (caseId: string, item: CaseItem | undefined, links: CaseLinkItem[]): Case => ({
  caseId,
  // A case known only from a draft or agenda item takes its first title.
  title: item?.title ?? inTimeOrder(links).find((l) => l.title)?.title ?? null,
  status: item?.status ?? null,
  classification: item?.classification ? { code: item.classification.code ?? null, title: item.classification.title ?? null } : null,
  createdAt: item?.sourceCreatedAt ?? null,
  handlings: item?.handlings ?? [],
  documents: item?.documents ?? [],
  related: inTimeOrder(links).map((l) => ({
    kind: l.kind, id: l.id, at: l.at, title: l.title ?? null, meetingId: l.meetingId ?? null, self: selfOf(l),
  })),
  source: item?.source ?? null,
  updatedAt: item?.updatedAt ?? null,
});

/** The case and its links, or undefined when nothing is known under this id. */
export async function getCase(caseId: string, consistent = false): Promise<{ item?: CaseItem; links: CaseLinkItem[] } | undefined> {
  const items = await queryAll<Record<string, unknown>>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
    ConsistentRead: consistent,
  });
  if (items.length === 0) return undefined;
  return {
    item: items.find((i) => i.type === 'case') as CaseItem | undefined,
    links: items.filter((i) => i.type === 'caseLink') as unknown as CaseLinkItem[],
  };
}

export type CaseOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Stores what the source says of the case, unless it says what is stored already. The write
 * is conditional on the revision read: 412 when another import got in between.
 */
export async function saveImportedCase(next: ImportedCase, current: CaseItem | undefined, now: Date): Promise<{ outcome: CaseOutcome; item: CaseItem }> {
  if (current && imported(current) === imported(next)) return { outcome: 'unchanged', item: current };
  const at = now.toISOString();
  const item: CaseItem = clean({
    ...caseKey(next.caseId),
    type: 'case' as const,
    ...next,
    revision: (current?.revision ?? 0) + 1,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
  });
  try {
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: item,
      ...(current
        ? { ConditionExpression: 'revision = :read', ExpressionAttributeValues: { ':read': current.revision } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    }));
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw preconditionFailed();
    throw error;
  }
  return { outcome: current ? 'updated' : 'created', item };
}

/** Records that `link` carries the case id (idempotent: the same link again is the same item). */
export async function putLink(link: Omit<CaseLinkItem, 'pk' | 'sk' | 'type'>): Promise<void> {
  await db().send(new PutCommand({
    TableName: tableName(),
    Item: clean({ ...linkKey(link.caseId, link.kind, link.id), type: 'caseLink' as const, ...link }),
  }));
}
