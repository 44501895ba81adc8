/** Bench scenarios of the comment routes. */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Bench, type Scenario } from '../scenario.ts';
import { comment, discussedDraft, openDraft, pageSize, resident, voter, type OpenDraft } from '../fixtures.ts';
import { commentLike, draftLike, put, voteLike } from './items.ts';

/** The open-draft check every participation write makes, on a bench draft. */
const openCheck = (name: string, i: number) => ({
  ConditionCheck: {
    TableName: tableName(), Key: benchKey(name, `draft-${i}`),
    ConditionExpression: 'attribute_exists(publishedAt) AND opensAt <= :now AND closesAt > :now AND attribute_not_exists(decisionId)',
    ExpressionAttributeValues: { ':now': new Date().toISOString() },
  },
});
const countOnDraft = (name: string, i: number, delta: number) => ({
  Update: {
    TableName: tableName(), Key: benchKey(name, `draft-${i}`), UpdateExpression: 'ADD commentCount :delta', ExpressionAttributeValues: { ':delta': delta },
  },
});
const countVote = (name: string, i: number, delta: number) => ({
  Update: {
    TableName: tableName(), Key: benchKey(name, `comment-${i}`), UpdateExpression: 'ADD votes :delta',
    ConditionExpression: '#status = :visible', ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':delta': delta, ':visible': 'visible' },
  },
});
/** The bench draft (and comment) raw call `i` works on, written untimed. */
const benchDraft = (name: string) => (_state: unknown, i: number) => [put(draftLike(name, `draft-${i}`, true))];
const benchComment = (name: string) => (_state: unknown, i: number) => [put(draftLike(name, `draft-${i}`, true)), put(commentLike(name, `comment-${i}`))];

/** An open draft and one comment by `resident` on it. */
const commentedDraft = async (bench: Bench) => {
  const draft = await openDraft(bench);
  return { draft, commentId: (await comment(bench, draft, resident)).id };
};

export const commentScenarios: Record<string, Scenario> = {
  // A well-behaved client sends an Idempotency-Key with every create, so the bench does too.
  postComment: scenario({
    prepare: (bench) => openDraft(bench),
    request: (bench, draft: OpenDraft, i) => ({
      method: 'POST', path: `/v1/drafts/${draft.id}/comments`, as: resident,
      body: { body: `Kommentti ${i}: hyvä suunnitelma, mutta pyörätiet puuttuvat.`, sectionId: draft.sections[0]!.id },
      headers: { 'idempotency-key': `bench-${bench.runId}-${i}` },
    }),
    expect: 201,
    rawBefore: benchDraft('postComment'),
    raw: (_state, i) => new TransactWriteCommand({
      // The comment, its count on the draft, and the report's participation counters (a resident commenting again: no new marker).
      TransactItems: [
        countOnDraft('postComment', i, 1),
        { Put: { TableName: tableName(), Item: commentLike('postComment', `comment-${i}`), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: tableName(), Key: benchKey('postComment', 'participation'), UpdateExpression: 'ADD comments :one, roots :one, #s :one',
            ExpressionAttributeNames: { '#s': 's#section#comments' }, ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    }),
  }),

  listComments: scenario({
    prepare: (bench) => discussedDraft(bench),
    request: (_bench, { draft }) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/comments?limit=${pageSize}` }),
    expect: 200,
    raw: ({ draft }) => new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `ROOTS#${draft.id}` },
      ScanIndexForward: false,
      Limit: pageSize,
    }),
  }),

  listReplies: scenario({
    prepare: (bench) => discussedDraft(bench),
    request: (_bench, { draft, rootId }) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/comments/${rootId}/replies?limit=${pageSize}` }),
    expect: 200,
    raw: ({ rootId }) => new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `REPLIES#${rootId}` },
      ScanIndexForward: true,
      Limit: pageSize,
    }),
  }),

  editComment: scenario({
    prepare: commentedDraft,
    request: (_bench, { draft, commentId }, i) => ({
      method: 'PATCH', path: `/v1/drafts/${draft.id}/comments/${commentId}`, as: resident, body: { body: `Muokattu ${i}: pyörätiet puuttuvat yhä.` },
    }),
    expect: 200,
    rawBefore: benchComment('editComment'),
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        openCheck('editComment', i),
        {
          Update: {
            TableName: tableName(), Key: benchKey('editComment', `comment-${i}`),
            UpdateExpression: 'SET body = :body, edited = :true, updatedAt = :at',
            ConditionExpression: 'authorSub = :sub AND #status = :visible',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':body': `Muokattu ${i}: pyörätiet puuttuvat yhä.`, ':true': true, ':at': new Date().toISOString(), ':sub': resident.sub, ':visible': 'visible' },
          },
        },
      ],
    }),
  }),

  // A comment is removed once: each request removes a new one, posted untimed.
  deleteComment: scenario({
    prepare: (bench) => openDraft(bench),
    request: async (bench, draft: OpenDraft, i) => {
      const { id } = await comment(bench, draft, resident, i);
      return { method: 'DELETE', path: `/v1/drafts/${draft.id}/comments/${id}`, as: resident };
    },
    expect: 204,
    rawBefore: benchComment('deleteComment'),
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(), Key: benchKey('deleteComment', `comment-${i}`),
            UpdateExpression: 'SET #status = :deleted, updatedAt = :at REMOVE body',
            ConditionExpression: '#status = :was',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':deleted': 'deleted', ':at': new Date().toISOString(), ':was': 'visible' },
          },
        },
        countOnDraft('deleteComment', i, -1),
      ],
    }),
  }),

  // Votes are once per person: request i votes as voter i.
  voteComment: scenario({
    prepare: commentedDraft,
    request: (_bench, { draft, commentId }, i) => ({ method: 'PUT', path: `/v1/drafts/${draft.id}/comments/${commentId}/vote`, as: voter(i) }),
    expect: 200,
    rawBefore: benchComment('voteComment'),
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        openCheck('voteComment', i),
        { Put: { TableName: tableName(), Item: voteLike('voteComment', `vote-${i}`), ConditionExpression: 'attribute_not_exists(pk)' } },
        countVote('voteComment', i, 1),
      ],
    }),
  }),

  // Only a cast vote can be taken back: voter i votes untimed, then takes it back.
  unvoteComment: scenario({
    prepare: commentedDraft,
    request: async (bench, { draft, commentId }, i) => {
      const path = `/v1/drafts/${draft.id}/comments/${commentId}/vote`;
      await bench.call({ method: 'PUT', path, as: voter(i) }, 200);
      return { method: 'DELETE', path, as: voter(i) };
    },
    expect: 200,
    rawBefore: (state, i) => [...benchComment('unvoteComment')(state, i), put(voteLike('unvoteComment', `vote-${i}`))],
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        openCheck('unvoteComment', i),
        { Delete: { TableName: tableName(), Key: benchKey('unvoteComment', `vote-${i}`), ConditionExpression: 'attribute_exists(pk)' } },
        countVote('unvoteComment', i, -1),
      ],
    }),
  }),
};
