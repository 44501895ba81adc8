/**
 * The keys that keep ballots secret. A ballot is stored under HMAC(poll, user) with a key
 * derived from the deployment secret, never under the user id: the same person always
 * lands on the same ballot (one ballot per person, by a conditional put), but nobody
 * holding the table alone can tell whose ballot it is. The person's own-ballot index uses
 * a second, unrelated keyed hash of the user, so the two cannot be joined without the secret.
 */
import { createHmac } from 'node:crypto';
import { derivedKey } from '#shared/secret.ts';

const hmac = async (purpose: string, text: string): Promise<string> =>
  createHmac('sha256', await derivedKey(purpose)).update(text, 'utf8').digest('hex');

/** Where `sub`'s ballot in `pollId` is stored. */
export const ballotKey = (pollId: string, sub: string): Promise<string> => hmac('ballot', `${pollId}\n${sub}`);

/** The index key listing `sub`'s own ballots (export and erasure). */
export const ballotOwnerKey = (sub: string): Promise<string> => hmac('ballot-owner', sub);
