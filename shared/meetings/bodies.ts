/**
 * Decision-making bodies in the table: `BODY#<id>` / `BODY`, listed through
 *   gsi1: `BODIES` by id (creation order; a municipality has tens of bodies).
 * A body imported from Ahjo is found again by its decision-maker id through the lookup item
 * `AHJO#BODY#<DecisionMakerId>` / `AHJO`, written in the same transaction as the body.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from '#shared/data/batch.ts';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { conflict } from '#shared/http/problem.ts';
import type { Localized, Page } from '#shared/schema.ts';
import type { Body, BodyKind, CreateBodyBody } from '#shared/meetings/schema.ts';

export interface BodyItem {
  pk: string;
  sk: 'BODY';
  type: 'body';
  id: string;
  name: Localized;
  kind: BodyKind;
  source?: { system: 'ahjo'; id: string };
  createdAt: string;
  updatedAt: string;
}

export const bodyKey = (id: string) => ({ pk: `BODY#${id}`, sk: 'BODY' as const });
const ahjoBodyKey = (decisionMakerId: string) => ({ pk: `AHJO#BODY#${decisionMakerId}`, sk: 'AHJO' });

export const bodyView = (b: BodyItem): Body => ({
  id: b.id,
  name: b.name,
  kind: b.kind,
  source: b.source ?? null,
  createdAt: b.createdAt,
});

const newBody = (input: CreateBodyBody, now: Date, source?: BodyItem['source'], id: string = newId()): BodyItem & Record<string, unknown> => {
  const at = now.toISOString();
  return { ...bodyKey(id), type: 'body', id, name: input.name, kind: input.kind, source, createdAt: at, updatedAt: at, gsi1pk: 'BODIES', gsi1sk: id };
};

/** A body named after an Ahjo decision maker takes its lookup item with it: 409 when another body has it. */
export async function createBody(input: CreateBodyBody, now: Date, id?: string): Promise<BodyItem> {
  const { source, ...fields } = input;
  const item = newBody(fields, now, source, id);
  try {
    await transact([
      { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...(source ? [{ Put: { TableName: tableName(), Item: { ...ahjoBodyKey(source.id), type: 'sourceLookup', bodyId: item.id }, ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
    ]);
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failed(1)) throw conflict('ahjo-body-exists', 'Body exists', `Another body stands for Ahjo decision maker ${source!.id}.`);
    throw error;
  }
  return item;
}

export async function getBody(id: string, consistent = false): Promise<BodyItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: bodyKey(id), ConsistentRead: consistent }));
  return out.Item as BodyItem | undefined;
}

/** Several bodies by id (the calendar names each meeting's body). */
export async function getBodies(ids: string[]): Promise<Map<string, BodyItem>> {
  const found = await getItems<BodyItem>([...new Set(ids)].map(bodyKey));
  return new Map(found.map((item) => [item.id, item]));
}

export const listBodies = (page: { limit: number; cursor?: string }): Promise<Page<Body>> =>
  queryPage({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'BODIES' },
  }, { ...page, scope: 'bodies' }, (item) => bodyView(item as unknown as BodyItem));

/**
 * The body standing for an Ahjo decision maker: found through its lookup item, created with
 * it when new, renamed when Ahjo renamed it. Two imports racing to create it agree on one.
 */
export async function ahjoBody(decisionMakerId: string, input: CreateBodyBody, now: Date): Promise<{ body: BodyItem; created: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const lookup = await db().send(new GetCommand({ TableName: tableName(), Key: ahjoBodyKey(decisionMakerId), ConsistentRead: true }));
    if (lookup.Item) {
      const body = (await db().send(new GetCommand({ TableName: tableName(), Key: bodyKey(lookup.Item.bodyId as string), ConsistentRead: true }))).Item as BodyItem;
      // Ahjo names a body in the language asked for: the other languages staff gave it stay.
      const name = { ...body.name, ...input.name };
      if (JSON.stringify(body.name) === JSON.stringify(name)) return { body, created: false };
      const out = await db().send(new UpdateCommand({
        TableName: tableName(),
        Key: bodyKey(body.id),
        UpdateExpression: 'SET #name = :name, updatedAt = :at',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': name, ':at': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }));
      return { body: out.Attributes as BodyItem, created: false };
    }
    const body = newBody(input, now, { system: 'ahjo', id: decisionMakerId });
    try {
      await transact([
        { Put: { TableName: tableName(), Item: body, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName(), Item: { ...ahjoBodyKey(decisionMakerId), type: 'sourceLookup', bodyId: body.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ]);
      return { body, created: true };
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      // Another import created it a moment ago: read its lookup again.
    }
  }
  throw new Error(`could not settle the body of Ahjo decision maker ${decisionMakerId}`);
}
