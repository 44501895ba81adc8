/**
 * One-click unsubscribe tokens (RFC 8058): the person's id sealed with AES-256-GCM under a key
 * derived for this purpose only, so a token names one person, cannot be forged or altered,
 * does not show whose it is, and opens nothing else (not a cursor, not a login).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { settings } from '#shared/config.ts';
import { derivedKey } from '#shared/secret.ts';

const purpose = 'unsubscribe';

export async function unsubscribeToken(sub: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derivedKey(purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(sub, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The person a token names, or undefined when it is not one this deployment made. */
export async function subOfToken(token: string): Promise<string | undefined> {
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < 29 || raw.toString('base64url') !== token) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await derivedKey(purpose), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The https link `List-Unsubscribe` names (the deployment's public address, never a request's). */
export const unsubscribeUrl = async (sub: string): Promise<string> => `${settings().publicBaseUrl}/v1/unsubscribe/${await unsubscribeToken(sub)}`;
