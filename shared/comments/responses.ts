/**
 * Official responses (vastineet): staff answer a comment for the municipality, also after
 * the draft closed. The response lives on the comment item; a root comment's first
 * response counts it as answered in the draft's participation counters, in the same
 * transaction, and withdrawing the response uncounts it. The stream turns a new or revised
 * response into `CommentResponded`, which tells the comment's author.
 */
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { conflict, notFound } from '#shared/http/problem.ts';
import type { Localized } from '#shared/schema.ts';
import { commentKey, getComment, type CommentItem } from '#shared/comments/repository.ts';
import { countResponse } from '#shared/comments/participation.ts';

const notRespondable = () =>
  conflict('comment-not-visible', 'Comment not visible', 'A hidden comment cannot take a response; restore it first.');

/** Gives or replaces the response to a comment; returns the comment as it now is. */
export async function respond(draftId: string, id: string, body: Localized, now: Date): Promise<CommentItem> {
  const at = now.toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const comment = await getComment(draftId, id, true);
    if (!comment) throw notFound('Comment');
    if (comment.status === 'hidden') throw notRespondable();
    const first = comment.response === undefined;
    const items: TransactItem[] = [{
      Update: {
        TableName: tableName(),
        Key: commentKey(draftId, id),
        UpdateExpression: 'SET #response = :response',
        ConditionExpression: `attribute_exists(pk) AND #status <> :hidden AND ${first ? 'attribute_not_exists(#response)' : '#response.#at = :was'}`,
        ExpressionAttributeNames: { '#response': 'response', '#status': 'status', ...(first ? {} : { '#at': 'at' }) },
        ExpressionAttributeValues: { ':response': { body, at }, ':hidden': 'hidden', ...(first ? {} : { ':was': comment.response!.at }) },
      },
    }];
    if (first && !comment.parentId) items.push(countResponse(draftId, 1));
    try {
      await transact(items);
      return { ...comment, response: { body, at } };
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      // Another response, withdrawal or hiding came first: look again.
    }
  }
  throw conflict('comment-busy', 'Comment is changing', 'The comment kept changing; try again.');
}

/** Withdraws the response to a comment; withdrawing none changes nothing. */
export async function withdrawResponse(draftId: string, id: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const comment = await getComment(draftId, id, true);
    if (!comment) throw notFound('Comment');
    if (!comment.response) return;
    const items: TransactItem[] = [{
      Update: {
        TableName: tableName(),
        Key: commentKey(draftId, id),
        UpdateExpression: 'REMOVE #response',
        ConditionExpression: '#response.#at = :was',
        ExpressionAttributeNames: { '#response': 'response', '#at': 'at' },
        ExpressionAttributeValues: { ':was': comment.response.at },
      },
    }];
    if (!comment.parentId) items.push(countResponse(draftId, -1));
    try {
      await transact(items);
      return;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
    }
  }
  throw conflict('comment-busy', 'Comment is changing', 'The comment kept changing; try again.');
}
