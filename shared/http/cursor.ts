/**
 * Pagination cursors: the DynamoDB LastEvaluatedKey, encrypted and authenticated with
 * AES-256-GCM. The list's scope (which list, which partition, which filter) is bound in as
 * associated data, so a cursor from another list, or a forged one, fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { derivedKey } from '#shared/secret.ts';
import { invalidCursor } from '#shared/http/problem.ts';

export type Key = Record<string, unknown>;

export async function sealCursor(key: Key | undefined, scope: string): Promise<string | null> {
  if (!key) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derivedKey('cursor'), iv);
  cipher.setAAD(Buffer.from(scope));
  const body = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export async function openCursor(cursor: string | undefined, scope: string): Promise<Key | undefined> {
  if (cursor === undefined) return undefined;
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length < 29 || raw.toString('base64url') !== cursor) throw invalidCursor();
  try {
    const decipher = createDecipheriv('aes-256-gcm', await derivedKey('cursor'), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(scope));
    decipher.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const key = JSON.parse(json) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw new Error('not a key');
    return key as Key;
  } catch {
    throw invalidCursor();
  }
}
