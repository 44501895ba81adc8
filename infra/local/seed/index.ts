/**
 * Demo data for the local runtime, written once into an empty database. Each capability
 * adds its own seed module here.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import type { Gateway } from '#infra/local/gateway.ts';
import type { LocalIdentity } from '#infra/local/tokens.ts';
import { seedApi } from '#infra/local/seed/client.ts';
import { seedDrafts } from '#infra/local/seed/drafts.ts';
import { seedMeetings } from '#infra/local/seed/meetings.ts';
import { seedPolls } from '#infra/local/seed/polls.ts';
import { seedResults } from '#infra/local/seed/results.ts';

const marker = { pk: 'SEED', sk: 'SEED' };

/** Seeds the demo municipality unless the database already holds it. Returns true when it seeded. */
export async function seedIfEmpty(gateway: Gateway, identity: LocalIdentity): Promise<boolean> {
  const existing = await db().send(new GetCommand({ TableName: tableName(), Key: marker, ConsistentRead: true }));
  if (existing.Item) return false;
  const api = seedApi(gateway, identity);
  const drafts = await seedDrafts(api);
  await seedMeetings(api, drafts);
  await seedPolls(api, drafts);
  await seedResults(api, drafts);
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...marker, at: new Date().toISOString() } }));
  return true;
}
