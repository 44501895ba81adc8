/**
 * The key that stands for a person on the marks they leave (up-votes, flags): a keyed hash
 * of the account, so one mark per person holds by a conditional put, and the mark stays
 * where it is after erasure (counted, still blocking a second one) without naming anybody.
 */
import { createHmac } from 'node:crypto';
import { derivedKey } from '#shared/secret.ts';

export const markerOf = async (sub: string): Promise<string> =>
  createHmac('sha256', await derivedKey('mark')).update(sub, 'utf8').digest('hex');
