/**
 * Erasure (`DELETE /v1/me`): afterwards nothing reachable holds the person's id or their
 * personal data.
 *   - comments: per deployment policy, a tombstone (status `deleted`, no body, no author)
 *     or removed outright (a root comment with replies stays a tombstone so replies keep
 *     their place); the draft's commentCount stays exact either way;
 *   - votes and flags: moved to a random key without the user, so counts stay as they were;
 *   - ballots: moved to a random key without the owner index, still counted, unlinkable;
 *   - anything else stored about them (subscriptions, notifications, …): deleted.
 * Each step is its own transaction and repeating erasure is harmless.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { commentKey, getComment, type CommentItem } from '#shared/comments/repository.ts';
import { countVisible } from '#shared/moderation/actions.ts';
import { unlinkBallot, type BallotItem } from '#shared/polls/ballots.ts';
import { storedAbout, type StoredItem } from '#shared/me/data.ts';

export type CommentPolicy = 'tombstone' | 'remove';

const anonymousKey = () => `erased-${randomBytes(16).toString('hex')}`;

/** A vote or flag keeps counting under a key that names nobody. */
async function unlinkMark(item: StoredItem, prefix: 'VOTE' | 'FLAG'): Promise<void> {
  const { userPk: _u, userSk: _s, note: _note, ...rest } = item;
  await transact([
    { Delete: { TableName: tableName(), Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' } },
    { Put: { TableName: tableName(), Item: { ...rest, sk: `${prefix}#${String(item.commentId)}#${anonymousKey()}` } } },
  ]).catch((error) => {
    if (!(error instanceof TransactionCancelled)) throw error; // already gone: nothing to unlink
  });
}

/** The comment as a tombstone: no body, no author, no trace of who wrote it. */
const tombstone = (c: CommentItem, at: string): TransactItem[] => [
  {
    Update: {
      TableName: tableName(),
      Key: commentKey(c.draftId, c.id),
      UpdateExpression: 'SET #status = :deleted, updatedAt = :at REMOVE body, authorSub, authorName, userPk, userSk, flagPk, moderation',
      ConditionExpression: '#status = :was',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':deleted': 'deleted', ':at': at, ':was': c.status },
    },
  },
  ...(c.status === 'visible' ? [countVisible(c.draftId, -1)] : []),
];

/** The comment removed: it stops counting on the draft and, for a reply, on its root. */
const removal = (c: CommentItem): TransactItem[] => [
  { Delete: { TableName: tableName(), Key: commentKey(c.draftId, c.id), ConditionExpression: '#status = :was', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':was': c.status } } },
  ...(c.status === 'visible' ? [countVisible(c.draftId, -1)] : []),
  ...(c.parentId
    ? [{ Update: { TableName: tableName(), Key: commentKey(c.draftId, c.parentId), UpdateExpression: 'ADD replyCount :minus', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':minus': -1 } } }]
    : []),
];

async function eraseComment(draftId: string, id: string, policy: CommentPolicy, now: Date): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const c = await getComment(draftId, id, true);
    if (!c || (!c.authorSub && !('userPk' in c))) return;
    const remove = policy === 'remove' && !(c.parentId === undefined && c.replyCount > 0);
    try {
      await transact(remove ? removal(c) : tombstone(c, now.toISOString()));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      // changed meanwhile (a moderator, a new reply): read again
    }
  }
  throw new Error('comment kept changing during erasure');
}

/**
 * Erases everything stored about `sub`. byUser is a GSI and so eventually consistent: what
 * was written a moment ago may not be listed yet, so it looks again until nothing is left
 * (every step is safe to repeat on an item already erased).
 */
export async function erase(sub: string, policy: CommentPolicy, now: Date): Promise<void> {
  for (let round = 0; round < 6; round++) {
    const found = await storedAbout(sub);
    if (found.items.length + found.ballots.length === 0) return;
    // Still listed after a pass: the index is catching up (or something new arrived); give it a moment.
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
    await eraseFound(found, policy, now);
  }
}

async function eraseFound({ items, ballots }: { items: StoredItem[]; ballots: StoredItem[] }, policy: CommentPolicy, now: Date): Promise<void> {
  const steps = [
    ...items.map((item) => () => {
      if (item.type === 'comment') return eraseComment(String(item.draftId), String(item.id), policy, now);
      if (item.type === 'vote') return unlinkMark(item, 'VOTE');
      if (item.type === 'flag') return unlinkMark(item, 'FLAG');
      return db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } })).then(() => undefined);
    }),
    ...ballots.map((ballot) => () => unlinkBallot(ballot as unknown as BallotItem)),
  ];
  // A few at a time: fast for a long history, gentle on the table.
  for (let i = 0; i < steps.length; i += 10) await Promise.all(steps.slice(i, i + 10).map((step) => step()));
}
