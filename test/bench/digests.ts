/**
 * The daily digest job at scale, in-process against the bench's DynamoDB Local: N residents
 * with `daily` e-mail and one notification each in their feed (loaded with the repositories'
 * own item builders by BatchWrite), then the job run invocation by invocation, each bounded
 * (`defaultMaxRecipients`) as the schedule's firings run it in AWS, then run again (a rerun
 * must send nothing). Sending goes to the local mailbox: one PutItem a message, where AWS makes
 * one SES call instead; those puts are in the calls.
 */
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { meter } from '#shared/data/meter.ts';
import { tableName } from '#shared/data/table.ts';
import { newId } from '#shared/ids.ts';
import { defaultMaxRecipients, runDigests } from '#shared/mail/digest.ts';
import { preferencesItem } from '#shared/mail/preferences.ts';
import { notificationItem } from '#shared/notifications/repository.ts';
import type { Notification } from '#shared/notifications/schema.ts';

const round = (n: number, digits: number) => Number(n.toFixed(digits));

export interface DigestScale {
  recipients: number;
  invocations: number;
  sent: number;
  calls: number;
  capacityUnits: number;
  seconds: number;
  /** The costliest invocation: what one scheduled firing does. */
  largestInvocation: { recipients: number; calls: number; capacityUnits: number; ms: number };
  callsPerRecipient: number;
  rerun: { sent: number; calls: number; ms: number };
}

async function put(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests && requests.length > 0) {
      const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests as never } }));
      requests = out.UnprocessedItems?.[tableName()] as Record<string, unknown>[] | undefined;
    }
  }
}

async function load(recipients: number, since: Date, at: Date): Promise<void> {
  const batch: Record<string, unknown>[] = [];
  for (let i = 0; i < recipients; i++) {
    const sub = `bench-digest-${String(i).padStart(6, '0')}`;
    batch.push(await preferencesItem(sub, { language: i % 2 ? 'sv' : 'fi', email: 'daily' }, `${sub}@example.fi`, since.toISOString(), since));
    const closed: Omit<Extract<Notification, { event: 'DraftClosed' }>, 'unread'> = { id: newId(), event: 'DraftClosed', at: at.toISOString(), title: { fi: 'Puisto', sv: 'Park' }, draftId: newId() };
    batch.push(notificationItem(sub, closed));
    if (batch.length >= 500) await put(batch.splice(0));
  }
  await put(batch);
}

export async function measureDigests(recipients: number, log: (message: string) => void): Promise<DigestScale> {
  const now = new Date();
  log(`digests: loading ${recipients} daily recipients`);
  await load(recipients, new Date(now.getTime() - 3_600_000), new Date(now.getTime() - 1_800_000));
  log('digests: running the daily job, invocation by invocation');
  const invocations: { recipients: number; calls: number; capacityUnits: number; ms: number; sent: number }[] = [];
  const began = performance.now();
  for (let more = true; more;) {
    meter.take();
    const t = performance.now();
    const run = await runDigests('daily', now, { maxRecipients: defaultMaxRecipients });
    const used = meter.take();
    invocations.push({ recipients: run.recipients, sent: run.sent, calls: used.calls, capacityUnits: round(used.capacityUnits, 1), ms: round(performance.now() - t, 0) });
    more = run.more;
  }
  const seconds = round((performance.now() - began) / 1000, 1);
  meter.take();
  const t = performance.now();
  const again = await runDigests('daily', now);
  const rerun = { sent: again.sent, calls: meter.take().calls, ms: round(performance.now() - t, 1) };
  const calls = invocations.reduce((n, i) => n + i.calls, 0);
  const { sent: _sent, ...largest } = invocations.reduce((a, b) => (b.calls > a.calls ? b : a));
  return {
    recipients, invocations: invocations.length, sent: invocations.reduce((n, i) => n + i.sent, 0), calls,
    capacityUnits: round(invocations.reduce((n, i) => n + i.capacityUnits, 0), 1), seconds, largestInvocation: largest,
    callsPerRecipient: round(calls / recipients, 2), rerun,
  };
}

export function printDigests(d: DigestScale | undefined, print: (text: string) => void): void {
  if (!d) return;
  print(`\nDaily digest job — ${d.recipients} recipients with one notification each; each invocation bounded to ${defaultMaxRecipients} recipients`);
  print('(locally each message is one PutItem into the mailbox, counted in the calls; in AWS it is one SES call instead)');
  print('| recipients | invocations | sent | calls | calls / recipient | CU | s | largest invocation (recipients, calls, CU, ms) | rerun (sent, calls, ms) |');
  print('|---:|---:|---:|---:|---:|---:|---:|---|---|');
  const l = d.largestInvocation;
  print(`| ${d.recipients} | ${d.invocations} | ${d.sent} | ${d.calls} | ${d.callsPerRecipient} | ${d.capacityUnits} | ${d.seconds} | ${l.recipients}, ${l.calls}, ${l.capacityUnits}, ${l.ms} | ${d.rerun.sent}, ${d.rerun.calls}, ${d.rerun.ms} |`);
}
