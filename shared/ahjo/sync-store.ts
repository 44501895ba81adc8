/**
 * Where the scheduled Ahjo sync keeps its checkpoint (`SYNC#AHJO` / `CHECKPOINT`), and how it
 * imports a record: with the same use cases as the import routes, straight to the table.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { importAhjoMeeting } from '#shared/ahjo/import.ts';
import { importAhjoCase } from '#shared/ahjo/import-case.ts';
import { importAhjoDecision } from '#shared/ahjo/import-decision.ts';
import { AhjoMeeting } from '#shared/ahjo/schema.ts';
import { AhjoCase } from '#shared/ahjo/case.ts';
import { AhjoDecision } from '#shared/ahjo/decision-schema.ts';
import { ahjoUnmappable } from '#shared/http/problem.ts';
import type { Checkpoint, Kind } from '#shared/ahjo/sync.ts';

const checkpointKey = { pk: 'SYNC#AHJO', sk: 'CHECKPOINT' };

export async function loadCheckpoint(): Promise<Checkpoint> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: checkpointKey, ConsistentRead: true }));
  return (out.Item?.checkpoint as Checkpoint | undefined) ?? {};
}

export async function saveCheckpoint(checkpoint: Checkpoint, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...checkpointKey, type: 'syncCheckpoint', checkpoint, updatedAt: now.toISOString() } }));
}

const schemas = { meetings: AhjoMeeting, cases: AhjoCase, decisions: AhjoDecision };

/** Imports one record Ahjo listed, checked with the import route's own schema (422 if it is not one). */
export async function importRecord(kind: Kind, record: unknown): Promise<'created' | 'updated' | 'unchanged'> {
  const parsed = schemas[kind].safeParse(record);
  if (!parsed.success) throw ahjoUnmappable(parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.') || kind, message: i.message })));
  const now = new Date();
  if (kind === 'meetings') return (await importAhjoMeeting(parsed.data as AhjoMeeting, now)).outcome;
  if (kind === 'cases') return (await importAhjoCase(parsed.data as AhjoCase, now)).outcome;
  return (await importAhjoDecision(parsed.data as AhjoDecision, now)).outcome;
}
