/**
 * E-mail preferences, one item per resident: `PREFERENCES#<sub>` / `PREFERENCES`, holding
 * `language`, `email` (how often), `address` (the verified address of the token that saved
 * them), `since` (when the current frequency began: a first digest starts there) and the
 * digest's progress (`digestedUpTo`, `digestRun`). Two sparse index entries find residents:
 *   gsi1  `DIGEST#<daily|weekly>` / `<sub>`   the digest's recipients, paged
 *   gsi2  `MAILTO#<HMAC(address)>` / `<sub>`  who has an address (a bounce or complaint turns them off)
 * byUser (`USER#<sub>`) finds the item for export and erasure, which deletes it.
 */
import { createHmac } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { settings } from '#shared/config.ts';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { derivedKey } from '#shared/secret.ts';
import type { EmailFrequency, Preferences } from '#shared/mail/schema.ts';

export interface PreferencesItem {
  sub: string;
  language: string;
  email: EmailFrequency;
  address?: string;
  since: string;
  /** Epoch seconds of the last save: an erasure at or after it means the person is gone. */
  savedAt: number;
  digestedUpTo?: string;
  digestRun?: string;
}

export type DigestFrequency = 'daily' | 'weekly';

const key = (sub: string) => ({ pk: `PREFERENCES#${sub}`, sk: 'PREFERENCES' });

/** The address as a keyed hash: the index finds a person by it without holding it in a key. */
export const addressRef = async (address: string): Promise<string> =>
  createHmac('sha256', await derivedKey('mail-address')).update(address.trim().toLowerCase(), 'utf8').digest('base64url');

export const defaults = (): Preferences => ({ language: settings().requiredLanguages[0] ?? 'fi', email: 'off', address: null });

export const view = (item: PreferencesItem | undefined): Preferences =>
  item ? { language: item.language, email: item.email, address: item.address ?? null } : defaults();

export async function getPreferences(sub: string): Promise<PreferencesItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key(sub), ConsistentRead: true }));
  return Item as PreferencesItem | undefined;
}

const digestKeys = (sub: string, email: EmailFrequency, address: string | undefined) =>
  (email === 'daily' || email === 'weekly') && address ? { gsi1pk: `DIGEST#${email}`, gsi1sk: sub } : {};

/** The stored item: the index entries follow from frequency and address (exported for bulk loads: the bench). */
export async function preferencesItem(sub: string, wanted: { language: string; email: EmailFrequency }, address: string | undefined,
  since: string, now: Date, progress: { digestedUpTo?: string; digestRun?: string } = {}): Promise<PreferencesItem & Record<string, unknown>> {
  return {
    ...key(sub),
    type: 'mailPreference',
    sub,
    language: wanted.language,
    email: wanted.email,
    ...(address ? { address, gsi2pk: `MAILTO#${await addressRef(address)}`, gsi2sk: sub } : {}),
    since,
    savedAt: Math.floor(now.getTime() / 1000),
    ...(progress.digestedUpTo ? { digestedUpTo: progress.digestedUpTo } : {}),
    ...(progress.digestRun ? { digestRun: progress.digestRun } : {}),
    ...digestKeys(sub, wanted.email, address),
    userPk: `USER#${sub}`,
    userSk: 'MAIL#PREFERENCES',
  };
}

/**
 * Saves language and frequency with the caller's verified address (none: e-mail stays
 * unsent). A changed frequency starts `since` anew; the digest's progress is kept.
 */
export async function savePreferences(sub: string, wanted: { language: string; email: EmailFrequency }, address: string | undefined, now = new Date()): Promise<PreferencesItem> {
  const before = await getPreferences(sub);
  const since = before && before.email === wanted.email ? before.since : now.toISOString();
  const item = await preferencesItem(sub, wanted, address, since, now, { digestedUpTo: before?.digestedUpTo, digestRun: before?.digestRun });
  await db().send(new PutCommand({ TableName: tableName(), Item: item }));
  return item;
}

/** Turns e-mail off (unsubscribe, bounce, complaint); false when there was nothing to turn off. */
export async function turnOff(sub: string, now = new Date()): Promise<boolean> {
  try {
    await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: key(sub),
      UpdateExpression: 'SET email = :off, since = :now REMOVE gsi1pk, gsi1sk',
      ConditionExpression: 'attribute_exists(pk) AND email <> :off',
      ExpressionAttributeValues: { ':off': 'off', ':now': now.toISOString() },
    }));
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** Turns e-mail off for everyone whose address this is (SES reported a bounce or complaint); answers how many. */
export async function turnOffAddress(address: string): Promise<number> {
  const out = await db().send(new QueryCommand({
    TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': `MAILTO#${await addressRef(address)}` },
  }));
  let turned = 0;
  for (const item of out.Items ?? []) if (await turnOff(String(item.sub))) turned++;
  return turned;
}

/** One page of a digest's recipients (index order), from `start`. */
export async function recipientsPage(frequency: DigestFrequency, start: string | undefined, limit: number): Promise<{ items: PreferencesItem[]; next?: string }> {
  const out = await db().send(new QueryCommand({
    TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk' + (start ? ' AND gsi1sk > :start' : ''),
    ExpressionAttributeValues: { ':pk': `DIGEST#${frequency}`, ...(start ? { ':start': start } : {}) },
    Limit: limit,
  }));
  const items = (out.Items ?? []) as PreferencesItem[];
  return { items, next: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.gsi1sk) : undefined };
}

/**
 * Claims this person's place in digest run `run` (one per day or week): answers the start of
 * what the digest gathers, or undefined when the run has them already (a rerun sends nothing).
 */
export async function claimDigest(sub: string, frequency: DigestFrequency, run: string, upTo: string): Promise<{ from: string; previous: { upTo?: string; run?: string } } | undefined> {
  try {
    const out = await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: key(sub),
      UpdateExpression: 'SET digestRun = :run, digestedUpTo = :upTo',
      ConditionExpression: 'email = :frequency AND (attribute_not_exists(digestRun) OR digestRun <> :run)',
      ExpressionAttributeValues: { ':run': run, ':upTo': upTo, ':frequency': frequency },
      ReturnValues: 'ALL_OLD',
    }));
    const old = out.Attributes as PreferencesItem;
    const from = [old.digestedUpTo, old.since].filter((t): t is string => !!t).sort().at(-1)!;
    return { from, previous: { upTo: old.digestedUpTo, run: old.digestRun } };
  } catch (error) {
    if (conditionFailed(error)) return undefined;
    throw error;
  }
}

/** Gives the claim back when the message could not be sent, so the next run gathers it again. */
export async function releaseDigest(sub: string, run: string, previous: { upTo?: string; run?: string }): Promise<void> {
  const sets = [previous.upTo ? 'digestedUpTo = :upTo' : '', previous.run ? 'digestRun = :prev' : ''].filter(Boolean);
  const removes = [previous.upTo ? '' : 'digestedUpTo', previous.run ? '' : 'digestRun'].filter(Boolean);
  await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: key(sub),
    UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
    ConditionExpression: 'digestRun = :run',
    ExpressionAttributeValues: { ':run': run, ...(previous.upTo ? { ':upTo': previous.upTo } : {}), ...(previous.run ? { ':prev': previous.run } : {}) },
  })).catch((error) => {
    if (!conditionFailed(error)) throw error;
  });
}
