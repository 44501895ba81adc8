/**
 * DynamoDB refuses an item over 400 KB. What a client sends is checked before it is
 * stored, so a big text is a clear 422 naming the limit, never a failed write (a 500).
 * The measure is the item as JSON in UTF-8: a little more than DynamoDB counts, so the
 * check errs on the safe side.
 */
import { Problem } from '#shared/http/problem.ts';

/** What one item may hold here, leaving room under DynamoDB's 400 KB for bookkeeping. */
export const itemLimitBytes = 350_000;

export const itemBytes = (item: unknown): number => Buffer.byteLength(JSON.stringify(item), 'utf8');

/** Throws 422 `too-large` when `item` would not fit. */
export function ensureFits(item: unknown, what: string): void {
  const bytes = itemBytes(item);
  if (bytes > itemLimitBytes) {
    throw new Problem(422, 'too-large', 'Too large to store',
      `The ${what} would take ${bytes} bytes; at most ${itemLimitBytes} fit. Shorten its texts or move long documents to attachments.`,
      { bytes, limit: itemLimitBytes });
  }
}
