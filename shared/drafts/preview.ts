/**
 * Preview links: a token that opens one unpublished draft to whoever holds it, until it
 * expires. It is `<expiry in epoch seconds>.<HMAC-SHA256 of draft id and expiry>` under a key
 * derived for this purpose only, so it names no one, cannot be moved to another draft or
 * extended, and needs no storage. A token that does not verify is simply not a preview.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '#shared/secret.ts';

export const defaultPreviewHours = 72;

const mac = async (draftId: string, expires: number): Promise<Buffer> =>
  createHmac('sha256', await derivedKey('draft-preview')).update(`${draftId}.${expires}`, 'utf8').digest();

/** A token for `draftId` that works until `expiresAt`. */
export async function previewToken(draftId: string, expiresAt: Date): Promise<string> {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${expires}.${(await mac(draftId, expires)).toString('base64url')}`;
}

/** Whether `token` opens `draftId` at `now`: made for this draft, untampered, unexpired. */
export async function previewOpens(token: string, draftId: string, now: Date): Promise<boolean> {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 <= now.getTime()) return false;
  const given = Buffer.from(match[2]!, 'base64url');
  // One spelling only: base64url's last character has spare bits that decode alike.
  if (given.toString('base64url') !== match[2]) return false;
  const expected = await mac(draftId, expires);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
