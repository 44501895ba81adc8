/**
 * Everything stored about one person, found through byUser: items carrying
 * `userPk = USER#<sub>` (comments, votes, flags, and whatever other capabilities store
 * about them), and their ballots under the separate keyed owner hash (`BALLOTS#<HMAC>`),
 * because a ballot never carries the user id.
 */
import { queryAll } from '#shared/data/page.ts';
import { ownerIndexKey } from '#shared/polls/ballots.ts';
import { ballotOwnerKey } from '#shared/polls/keys.ts';

export type StoredItem = Record<string, unknown> & { pk: string; sk: string; type?: string };

/** Every item of one byUser partition, following pages. */
async function partition(userPk: string): Promise<StoredItem[]> {
  return queryAll<StoredItem>({
    IndexName: 'byUser',
    KeyConditionExpression: 'userPk = :pk',
    ExpressionAttributeValues: { ':pk': userPk },
  });
}

export async function storedAbout(sub: string): Promise<{ items: StoredItem[]; ballots: StoredItem[] }> {
  const [items, ballots] = await Promise.all([partition(`USER#${sub}`), partition(ownerIndexKey(await ballotOwnerKey(sub)))]);
  return { items, ballots };
}

/** Keys and index attributes are how the table finds things, not data about the person. */
const internal = /^(pk|sk|type|userPk|userSk|votePk|flagPk|gsi\d+(pk|sk)|expiresAt|revision|shard)$/;
const plain = (item: StoredItem) => Object.fromEntries(Object.entries(item).filter(([k]) => !internal.test(k)));

/** The export: one list per kind of thing (`comments`, `votes`, `flags`, `subscriptions`, `ballots`, …). */
export function exportOf(found: { items: StoredItem[]; ballots: StoredItem[] }): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = { comments: [], votes: [], flags: [], subscriptions: [], ballots: [] };
  for (const item of found.items) (out[`${item.type ?? 'other'}s`] ??= []).push(plain(item));
  out.ballots = found.ballots.map(plain);
  return out;
}
