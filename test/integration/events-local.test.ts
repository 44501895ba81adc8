import { describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { draftKey } from '#shared/drafts/repository.ts';
import { bus } from '#shared/events/bus.ts';
import { scheduleName } from '#shared/events/scheduler.ts';
import { startEvents } from '#infra/local/stream.ts';
import { staff, useLocalApi } from '../support/local.ts';
import { draftBody } from '../support/fixtures.ts';

const api = useLocalApi();

const schedules = async () => (await db().send(new QueryCommand({
  TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'LOCAL#SCHEDULES' }, ConsistentRead: true,
}))).Items ?? [];

describe('the local event platform', () => {
  it("keeps a draft's deadline across a restart, and closes it on time after", async () => {
    // Prepare: a draft closing in 2 s, its close scheduled
    const created = await api.request('POST', '/v1/drafts', { as: staff, body: draftBody() });
    const closesAt = new Date(Date.now() + 2000).toISOString();
    await api.request('POST', `/v1/drafts/${created.body.id}/publish`, { as: staff, body: { closesAt } });
    await api.runtime.events!.idle();
    expect((await schedules()).map((s) => s.sk)).toEqual([scheduleName(created.body.id, closesAt)]);
    // Act: the platform stops before the deadline and starts again
    await api.runtime.events!.stop();
    expect(() => bus()).toThrow(/EVENT_BUS_NAME/);
    const again = await startEvents({ endpoint: api.runtime.endpoint });
    try {
      await new Promise((r) => setTimeout(r, Date.parse(closesAt) - Date.now() + 1500));
      await again.idle();
      // Assess
      const draft = (await db().send(new GetCommand({ TableName: tableName(), Key: draftKey(created.body.id), ConsistentRead: true }))).Item;
      expect(draft?.closedAt).toBe(closesAt);
      expect(await schedules()).toEqual([]);
      expect(again.deadLetters).toEqual([]);
    } finally {
      await again.stop();
    }
  });
});
