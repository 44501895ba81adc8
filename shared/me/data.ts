/**
 * Everything stored about one person, found through byUser: items carrying
 * `userPk = USER#<sub>` (comments, votes, flags, idempotency records, and whatever other
 * capabilities store about them), and the references to their ballots, listed under a
 * keyed hash of the id. Ballots never carry the user id: the export follows the sealed
 * references to them.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryAll } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { directLimits, exportTooLarge } from '#shared/exports/limits.ts';
import { referencedBallots, type BallotRefItem } from '#shared/polls/ballots.ts';
import { ballotOwnerKey } from '#shared/polls/keys.ts';

export type StoredItem = Record<string, unknown> & { pk: string; sk: string; type?: string };

/** Every item of one byUser partition, following pages. */
const partition = (userPk: string): Promise<StoredItem[]> =>
  queryAll<StoredItem>({ IndexName: 'byUser', KeyConditionExpression: 'userPk = :pk', ExpressionAttributeValues: { ':pk': userPk } });

/** One page of what is stored under the person's id, from `start`. */
export async function storedPage(sub: string, start: Record<string, unknown> | undefined, limit: number) {
  const out = await db().send(new QueryCommand({
    TableName: tableName(), IndexName: 'byUser', KeyConditionExpression: 'userPk = :pk', ExpressionAttributeValues: { ':pk': `USER#${sub}` },
    ExclusiveStartKey: start, Limit: limit,
  }));
  return { items: (out.Items ?? []) as StoredItem[], next: out.LastEvaluatedKey };
}

/** The references to the person's ballots, under a keyed hash of their id: one per poll they voted in. */
export const ballotRefsOf = async (sub: string): Promise<StoredItem[]> => partition(await ballotOwnerKey(sub));

/** Everything under the person's id, and the references to their ballots under a keyed hash of it. */
export async function storedAbout(sub: string): Promise<StoredItem[]> {
  const [items, refs] = await Promise.all([partition(`USER#${sub}`), ballotRefsOf(sub)]);
  return [...items, ...refs];
}

/** What the direct export may carry in one answer; past that (or 4 MB) it is 409 `export-too-large`. */
const directItems = 5 * directLimits.comments;

/** storedAbout for the direct export: 409 past 1,000 comments or 5,000 items (the job route has no limit). */
export async function storedAboutWithinLimits(sub: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await storedPage(sub, start, directItems + 1 - items.length);
    items.push(...page.items);
    if (items.length > directItems || items.filter((i) => i.type === 'comment').length > directLimits.comments) throw exportTooLarge('/v1/me/exports');
    start = page.next;
  } while (start);
  return [...items, ...(await ballotRefsOf(sub))];
}

/** Keys and index attributes are how the table finds things, not data about the person. */
const internal = /^(pk|sk|type|userPk|userSk|votePk|flagPk|gsi\d+(pk|sk)|expiresAt|revision|shard|erased)$/;
export const plain = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !internal.test(k)));

/** Plumbing that holds nothing the person gave: not part of their export. */
export const plumbing = new Set(['idempotency', 'ballotRef', 'job', 'mailSent']);

/** The export: one list per kind of thing (`comments`, `votes`, `flags`, `subscriptions`, `ballots`, …). */
export async function exportOf(items: StoredItem[]): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = { comments: [], votes: [], flags: [], subscriptions: [], ballots: [] };
  for (const item of items) if (!plumbing.has(item.type ?? '')) (out[`${item.type ?? 'other'}s`] ??= []).push(plain(item));
  const refs = items.filter((i) => i.type === 'ballotRef') as unknown as BallotRefItem[];
  out.ballots = (await referencedBallots(refs)).map((b) => plain({ ...b }));
  return out;
}
