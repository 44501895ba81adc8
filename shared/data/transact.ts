/**
 * Writes that must agree go through one TransactWriteItems. Conflicts with other
 * transactions on the same items are retried with jittered backoff; a failed condition is
 * reported per item so the caller can name the rule that stopped it.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction was cancelled because a condition did not hold. `reasons[i]` is item i's code. */
export class TransactionCancelled extends Error {
  constructor(readonly reasons: (string | undefined)[]) {
    super(`transaction cancelled: ${reasons.join(',')}`);
    this.name = 'TransactionCancelled';
  }
  /** True when item `index` failed its condition. */
  failed(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const maxAttempts = 12;

const reasonsOf = (error: unknown): (string | undefined)[] | undefined => {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => (r.Code === 'None' ? undefined : r.Code));
};

export async function transact(items: TransactItem[], token?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items, ...(token ? { ClientRequestToken: token } : {}) }));
      return;
    } catch (error) {
      const reasons = reasonsOf(error);
      const name = (error as { name?: string }).name;
      const conflicted =
        name === 'TransactionInProgressException' ||
        (reasons !== undefined && reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed'));
      if (conflicted && attempt < maxAttempts) {
        await sleep(Math.random() * Math.min(1000, 10 * 2 ** attempt));
        continue;
      }
      if (reasons && reasons.includes('ConditionalCheckFailed')) throw new TransactionCancelled(reasons);
      throw error;
    }
  }
}

/** True for a conditional write whose condition did not hold. */
export const conditionFailed = (error: unknown): boolean =>
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';
