/**
 * Bench scenarios of the staff workflow (withdraw, preview link), official responses and
 * the consultation report. The report is measured on the discussed draft (pages of comments
 * and replies): its cost comes from counters, not from how many comments there are.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { participationKey } from '#shared/comments/participation.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Bench, type Scenario } from '../scenario.ts';
import { comment, discussedDraft, openDraft, resident, staff, unpublishedDraft } from '../fixtures.ts';
import { commentLike, draftLike, put } from './items.ts';

const reason = { fi: 'Suunnitelma valmistellaan uudelleen.', sv: 'Planen bereds på nytt.' };
const response = (i: number) => ({ fi: `Vastine ${i}: pyörätiet lisätään suunnitelmaan.`, sv: `Bemötande ${i}: cykelbanor läggs till.` });

/** An open draft with one root comment by `resident`. */
const commentedDraft = (bench: Bench) => bench.shared('respondedDraft', async () => {
  const draft = await openDraft(bench);
  return { draft, commentId: (await comment(bench, draft, resident)).id };
});

export const consultationScenarios: Record<string, Scenario> = {
  // Withdrawing changes a draft once: each request gets a new open draft, made untimed.
  withdrawDraft: scenario({
    prepare: async () => undefined,
    request: async (bench, _state, i) => {
      const draft = await openDraft(bench, i);
      return { method: 'POST', path: `/v1/drafts/${draft.id}/withdraw`, as: staff, body: { reason } };
    },
    expect: 200,
    rawBefore: (_state, i) => [put(draftLike('withdrawDraft', `${i}`, true))],
    raw: (_state, i) => new UpdateCommand({
      TableName: tableName(),
      Key: benchKey('withdrawDraft', `${i}`),
      UpdateExpression: 'SET closesAt = :at, withdrawnAt = :at, withdrawal = :w, updatedAt = :at, gsi1pk = :pk, gsi1sk = :at',
      ConditionExpression: 'attribute_exists(publishedAt) AND attribute_not_exists(withdrawnAt) AND attribute_not_exists(decisionId)',
      ExpressionAttributeValues: { ':at': new Date().toISOString(), ':w': { reason, at: new Date().toISOString() }, ':pk': 'BENCH#withdrawDraft#withdrawn' },
      ReturnValues: 'ALL_NEW',
    }),
  }),

  // A preview link is signed, not stored: the route reads the listing only.
  createPreviewLink: scenario({
    prepare: (bench) => bench.shared('previewedDraft', () => unpublishedDraft(bench)),
    request: (_bench, draft) => ({ method: 'POST', path: `/v1/drafts/${draft.id}/preview-link`, as: staff, body: { expiresInHours: 24 } }),
    expect: 201,
    raw: (draft) => new GetCommand({ TableName: tableName(), Key: { pk: `DRAFT#${draft.id}`, sk: 'DRAFT#LISTING' } }),
  }),

  // Each request replaces the response (a revision), so the answered count moves only once.
  respondToComment: scenario({
    prepare: (bench) => commentedDraft(bench),
    request: (_bench, { draft, commentId }, i) => ({
      method: 'PUT', path: `/v1/drafts/${draft.id}/comments/${commentId}/response`, as: staff, body: { body: response(i) },
    }),
    expect: 200,
    rawBefore: (_state, i) => [put(commentLike('respondToComment', `comment-${i}`))],
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(), Key: benchKey('respondToComment', `comment-${i}`), UpdateExpression: 'SET #response = :r',
            ConditionExpression: 'attribute_exists(pk) AND #status <> :hidden AND attribute_not_exists(#response)',
            ExpressionAttributeNames: { '#response': 'response', '#status': 'status' },
            ExpressionAttributeValues: { ':r': { body: response(i), at: new Date().toISOString() }, ':hidden': 'hidden' },
          },
        },
        { Update: { TableName: tableName(), Key: benchKey('respondToComment', 'counts'), UpdateExpression: 'ADD answered :one', ExpressionAttributeValues: { ':one': 1 } } },
      ],
    }),
  }),

  // Withdrawing a response that is there: each request responds first, untimed.
  withdrawCommentResponse: scenario({
    prepare: (bench) => bench.shared('withdrawnResponseDraft', async () => {
      const draft = await openDraft(bench);
      return { draft, commentId: (await comment(bench, draft, resident)).id };
    }),
    request: async (bench, { draft, commentId }, i) => {
      await bench.call({ method: 'PUT', path: `/v1/drafts/${draft.id}/comments/${commentId}/response`, as: staff, body: { body: response(i) } }, 200);
      return { method: 'DELETE', path: `/v1/drafts/${draft.id}/comments/${commentId}/response`, as: staff };
    },
    expect: 204,
    rawBefore: (_state, i) => [put({ ...commentLike('withdrawCommentResponse', `comment-${i}`), response: { body: response(i), at: new Date().toISOString() } })],
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(), Key: benchKey('withdrawCommentResponse', `comment-${i}`), UpdateExpression: 'REMOVE #response',
            ConditionExpression: 'attribute_exists(#response)', ExpressionAttributeNames: { '#response': 'response' },
          },
        },
        { Update: { TableName: tableName(), Key: benchKey('withdrawCommentResponse', 'counts'), UpdateExpression: 'ADD answered :minus', ExpressionAttributeValues: { ':minus': -1 } } },
      ],
    }),
  }),

  // Staff read the report of the discussed draft while it is open (the public may once it closed).
  getReport: scenario({
    prepare: (bench) => discussedDraft(bench),
    request: (_bench, { draft }) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/report`, as: staff }),
    expect: 200,
    raw: ({ draft }) => new GetCommand({ TableName: tableName(), Key: participationKey(draft.id) }),
  }),
};
