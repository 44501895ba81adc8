/**
 * Erasure (`DELETE /v1/me`): afterwards nothing reachable holds the person's id or their
 * personal data, their tokens are refused, and what they took part in stays counted once.
 *   - first the erasure itself is recorded, so every token issued until now stops working;
 *   - comments: per deployment policy, a tombstone (status `deleted`, no body, no author)
 *     or removed outright (a root comment with replies stays a tombstone so replies keep
 *     their place); the draft's commentCount stays exact either way;
 *   - votes and flags stay where they are, under their keyed-hash key, emptied of everything
 *     but the fact of the mark: still counted, and still blocking a second one;
 *   - ballots lose their choice and the account's reference to them, and keep their count
 *     and their key (see `eraseBallot`);
 *   - anything else stored about them (subscriptions, notifications, idempotency records): deleted.
 *   - their export jobs: the files deleted, then the jobs.
 * Each step is its own transaction and repeating erasure is harmless. `DELETE /v1/me`
 * records the erasure and stores the job synchronously (`beginErasure`, erasure-start.ts); the rest runs as
 * a resumable job (`advanceErasure`), page by page through byUser. The job item is keyed
 * by the same keyed hash as the erasure record and is the only item that holds the sub
 * afterwards; it is deleted when nothing is left.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed, TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { commentKey, getComment, type CommentItem } from '#shared/comments/repository.ts';
import { countVisible } from '#shared/moderation/actions.ts';
import { eraseBallot, type BallotRefItem } from '#shared/polls/ballots.ts';
import { ballotRefsOf, storedPage, type StoredItem } from '#shared/me/data.ts';
import { checkpoint, deleteJob, type JobItem } from '#shared/jobs/repository.ts';
import { abortUpload, deleteObject } from '#shared/storage/objects.ts';

export type CommentPolicy = 'tombstone' | 'remove';

/** A vote or flag keeps its key and its count, and loses who, when and why. */
async function emptyMark(item: StoredItem): Promise<void> {
  await db().send(new UpdateCommand({
    TableName: tableName(),
    Key: { pk: item.pk, sk: item.sk },
    UpdateExpression: 'SET erased = :true REMOVE userPk, userSk, createdAt, note',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':true': true },
  })).catch((error) => {
    if (!conditionFailed(error)) throw error; // already gone (an unvote): nothing to empty
  });
}

/** The comment as a tombstone: no body, no author, no trace of who wrote it. A hidden one stays hidden, with its public reason. */
const tombstone = (c: CommentItem, at: string): TransactItem[] => [
  c.status === 'hidden' ? {
    Update: {
      TableName: tableName(),
      Key: commentKey(c.draftId, c.id),
      UpdateExpression: 'SET authorDeleted = :true, updatedAt = :at REMOVE body, authorSub, authorName, userPk, userSk, flagPk, #location, gsi3pk, gsi3sk',
      ConditionExpression: '#status = :was',
      ExpressionAttributeNames: { '#status': 'status', '#location': 'location' },
      ExpressionAttributeValues: { ':true': true, ':at': at, ':was': c.status },
    },
  } : {
    Update: {
      TableName: tableName(),
      Key: commentKey(c.draftId, c.id),
      UpdateExpression: 'SET #status = :deleted, updatedAt = :at REMOVE body, authorSub, authorName, userPk, userSk, flagPk, moderation, #location, gsi3pk, gsi3sk',
      ConditionExpression: '#status = :was',
      ExpressionAttributeNames: { '#status': 'status', '#location': 'location' },
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

export interface ErasureState {
  /** Where the next page of byUser starts within this pass. */
  cursor?: Record<string, unknown>;
  pass: number;
  /** Items found so far in this pass: a pass that finds none ends the job. */
  found: number;
}

export interface ErasureJob extends JobItem<ErasureState> {
  kind: 'erasure';
  sub: string;
  policy: CommentPolicy;
}

/** byUser items erased per step (one checkpoint each). */
export const erasurePageSize = 100;

/**
 * Erases page after page until `timeUp()`. byUser is a GSI and so eventually consistent:
 * what was written a moment ago may not be listed yet, so passes repeat until one finds
 * nothing (every step is safe to repeat on an item already erased).
 */
export async function advanceErasure(job: ErasureJob, timeUp: () => boolean): Promise<'done' | 'more'> {
  const now = new Date(job.createdAt);
  while (!timeUp()) {
    const { cursor, pass, found } = job.state;
    const page = await storedPage(job.sub, cursor, erasurePageSize);
    const refs = page.next ? [] : await ballotRefsOf(job.sub);
    await eraseFound([...page.items, ...refs], job.policy, now);
    const total = found + page.items.length + refs.length;
    if (page.next) {
      await checkpoint(job, { cursor: page.next, pass, found: total });
      continue;
    }
    if (total === 0) {
      await deleteJob(job.id);
      return 'done';
    }
    // Still listed after a pass: the index is catching up (or something new arrived); give it a moment.
    if (pass > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** pass, 2000)));
    await checkpoint(job, { pass: pass + 1, found: 0 });
  }
  return 'more';
}

/** An export job of theirs: its file (finished or not), then the job. */
async function eraseExport(item: StoredItem): Promise<void> {
  const job = item as unknown as JobItem<{ uploadId?: string }>;
  if (job.objectKey) {
    if (job.state?.uploadId) await abortUpload(job.objectKey, job.state.uploadId);
    await deleteObject(job.objectKey);
  }
  await deleteJob(job.id);
}

async function eraseFound(items: StoredItem[], policy: CommentPolicy, now: Date): Promise<void> {
  const steps = items.map((item) => () => {
    if (item.type === 'comment') return eraseComment(String(item.draftId), String(item.id), policy, now);
    if (item.type === 'vote' || item.type === 'flag') return emptyMark(item);
    if (item.type === 'ballotRef') return eraseBallot(item as unknown as BallotRefItem);
    if (item.type === 'job') return eraseExport(item);
    return db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } })).then(() => undefined);
  });
  // A few at a time: fast for a long history, gentle on the table.
  for (let i = 0; i < steps.length; i += 10) await Promise.all(steps.slice(i, i + 10).map((step) => step()));
}
