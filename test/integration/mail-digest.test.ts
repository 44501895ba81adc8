/**
 * The digest job on DynamoDB Local: bounded per invocation and resumed by the next, one
 * message per person per period whatever the reruns, only what is new since the last digest,
 * and a failed send given back for the next run.
 */
import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import { listCaptured } from '#shared/mail/capture.ts';
import { runDigests } from '#shared/mail/digest.ts';
import { getPreferences, preferencesItem } from '#shared/mail/preferences.ts';
import { notificationItem } from '#shared/notifications/repository.ts';
import { useTable } from '../support/table.ts';

useTable();

const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour));

async function recipient(sub: string, frequency: 'daily' | 'weekly', since: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: await preferencesItem(sub, { language: 'fi', email: frequency }, `${sub}@example.fi`, since.toISOString(), since) }));
}

async function notify(sub: string, when: Date): Promise<void> {
  await db().send(new PutCommand({
    TableName: tableName(),
    Item: notificationItem(sub, { id: newId(), event: 'DraftClosed', at: when.toISOString(), title: { fi: `Asia ${when.toISOString()}` }, draftId: newId() }),
  }));
}

const mailsTo = async (sub: string) => (await listCaptured(100)).filter((m) => m.to === `${sub}@example.fi`);

describe('the digest job', () => {
  it('looks at a bounded number of recipients per invocation, and the next invocation resumes the run', async () => {
    // Prepare
    const subs = Array.from({ length: 5 }, (_, i) => `weekly-${i}`);
    for (const sub of subs) {
      await recipient(sub, 'weekly', at(1, 8));
      await notify(sub, at(2, 9));
    }
    const now = at(4, 6);
    // Act
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await runDigests('weekly', now, { maxRecipients: 2 }));
    // Assess
    expect(runs.map((r) => [r.recipients, r.more])).toEqual([[2, true], [2, true], [1, false], [0, false]]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(5);
    for (const sub of subs) expect(await mailsTo(sub)).toHaveLength(1);
  });

  it('gathers only what came since the last digest, and the next period sends it', async () => {
    // Prepare
    await recipient('daily-1', 'daily', at(10, 8));
    await notify('daily-1', at(10, 9));
    await runDigests('daily', at(11, 6));
    await notify('daily-1', at(11, 10));
    // Act
    const same = await runDigests('daily', at(11, 7));
    const next = await runDigests('daily', at(12, 6));
    // Assess
    expect(same.sent).toBe(0);
    expect(next.sent).toBe(1);
    const [latest, first] = await mailsTo('daily-1');
    expect(first!.subject).toContain('1 uutta');
    expect(latest!.text).toContain(at(11, 10).toISOString());
    expect(latest!.text).not.toContain(at(10, 9).toISOString());
    expect((await getPreferences('daily-1'))?.digestedUpTo).toBe(at(12, 6).toISOString());
  });

  it('sends nothing to a person with nothing new', async () => {
    await recipient('quiet-1', 'daily', at(20, 8));
    const run = await runDigests('daily', at(21, 6));
    expect(run.sent).toBe(0);
    expect(await mailsTo('quiet-1')).toEqual([]);
  });
});
