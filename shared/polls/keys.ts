/**
 * The keys that keep ballots secret. A ballot is stored under HMAC(poll, voter) with a key
 * derived from the deployment secret, never under the user id: the same person always
 * lands on the same ballot (one ballot per person, by a conditional put), but nobody
 * holding the table alone can tell whose ballot it is, nor that two ballots in two polls
 * are the same person's. The person finds their own ballots through references under
 * their account that hold the ballot's key sealed (AES-GCM), so only the deployment can
 * follow them.
 *
 * On `strong` drafts the voter is the strong identity (the deployment's person claim), not
 * the account: a second account of the same person lands on the same ballot.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { derivedKey } from '#shared/secret.ts';

const hmac = async (purpose: string, text: string): Promise<string> =>
  createHmac('sha256', await derivedKey(purpose)).update(text, 'utf8').digest('hex');

/** Who a ballot belongs to: the account, or on strong drafts the strongly identified person. */
export const voter = (sub: string, person?: string): string => (person ? `person:${person}` : `sub:${sub}`);

/** Where `voter`'s ballot in `pollId` is stored. */
export const ballotKey = (pollId: string, who: string): Promise<string> => hmac('ballot', `${pollId}\n${who}`);

/** Where the reference from `sub`'s account to their ballot in `pollId` is stored. */
export const ballotRefKey = (pollId: string, sub: string): Promise<string> => hmac('ballot-ref', `${pollId}\n${sub}`);

/**
 * The index partition holding `sub`'s ballot references: a keyed hash, so that not even
 * the references carry the user id. (It does tell a table reader that one pseudonymous
 * person holds N references; which polls, and which ballots, stay sealed.)
 */
export const ballotOwnerKey = async (sub: string): Promise<string> => `BALLOTREFS#${await hmac('ballot-owner', sub)}`;

/** The ballot's key, sealed so that only the deployment can read it. */
export async function sealBallotKey(hash: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derivedKey('ballot-ref-seal'), iv);
  const body = Buffer.concat([cipher.update(hash, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export async function openBallotKey(sealed: string): Promise<string> {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', await derivedKey('ballot-ref-seal'), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
