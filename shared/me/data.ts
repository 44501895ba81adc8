/**
 * Everything stored about one person, found through byUser: items carrying
 * `userPk = USER#<sub>` (comments, votes, flags, idempotency records, and whatever other
 * capabilities store about them), and the references to their ballots, listed under a
 * keyed hash of the id. Ballots never carry the user id: the export follows the sealed
 * references to them.
 */
import { queryAll } from '#shared/data/page.ts';
import { referencedBallots, type BallotRefItem } from '#shared/polls/ballots.ts';
import { ballotOwnerKey } from '#shared/polls/keys.ts';

export type StoredItem = Record<string, unknown> & { pk: string; sk: string; type?: string };

/** Every item of one byUser partition, following pages. */
const partition = (userPk: string): Promise<StoredItem[]> =>
  queryAll<StoredItem>({ IndexName: 'byUser', KeyConditionExpression: 'userPk = :pk', ExpressionAttributeValues: { ':pk': userPk } });

/** Everything under the person's id, and the references to their ballots under a keyed hash of it. */
export async function storedAbout(sub: string): Promise<StoredItem[]> {
  const [items, refs] = await Promise.all([partition(`USER#${sub}`), partition(await ballotOwnerKey(sub))]);
  return [...items, ...refs];
}

/** Keys and index attributes are how the table finds things, not data about the person. */
const internal = /^(pk|sk|type|userPk|userSk|votePk|flagPk|gsi\d+(pk|sk)|expiresAt|revision|shard|erased)$/;
const plain = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !internal.test(k)));

/** Plumbing that holds nothing the person gave: not part of their export. */
const plumbing = new Set(['idempotency', 'ballotRef']);

/** The export: one list per kind of thing (`comments`, `votes`, `flags`, `subscriptions`, `ballots`, …). */
export async function exportOf(items: StoredItem[]): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = { comments: [], votes: [], flags: [], subscriptions: [], ballots: [] };
  for (const item of items) if (!plumbing.has(item.type ?? '')) (out[`${item.type ?? 'other'}s`] ??= []).push(plain(item));
  const refs = items.filter((i) => i.type === 'ballotRef') as unknown as BallotRefItem[];
  out.ballots = (await referencedBallots(refs)).map((b) => plain({ ...b }));
  return out;
}
