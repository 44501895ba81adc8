/** Bench scenarios of the draft routes. */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { draftKey } from '#shared/drafts/repository.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Scenario } from '../scenario.ts';
import { draftLike, put } from './items.ts';
import { draftBody, inDays, openDraft, pageSize, publishedDrafts, staff, unpublishedDraft } from '../fixtures.ts';

/** What the create and edit routes write: a draft and its version snapshot, in one transaction. */
const draftWrite = (name: string, i: number) => new TransactWriteCommand({
  TransactItems: [
    { Put: { TableName: tableName(), Item: draftLike(name, `${i}`), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: tableName(), Item: { ...draftLike(name, `${i}`), sk: `VERSION#${i}` } } },
  ],
});

export const draftScenarios: Record<string, Scenario> = {
  // A well-behaved client sends an Idempotency-Key with every create, so the bench does too.
  createDraft: scenario({
    prepare: async () => undefined,
    request: (bench, _state, i) => ({
      method: 'POST', path: '/v1/drafts', as: staff, body: draftBody(i), headers: { 'idempotency-key': `bench-${bench.runId}-${i}` },
    }),
    expect: 201,
    raw: (_state, i) => draftWrite('createDraft', i),
  }),

  getDraft: scenario({
    prepare: (bench) => openDraft(bench),
    request: (_bench, draft) => ({ method: 'GET', path: `/v1/drafts/${draft.id}` }),
    expect: 200,
    raw: (draft) => new GetCommand({ TableName: tableName(), Key: draftKey(draft.id) }),
  }),

  // Each edit moves the draft one version on; every request succeeds, so the next If-Match is known.
  patchDraft: scenario({
    prepare: (bench) => unpublishedDraft(bench),
    request: (_bench, draft, i) => ({
      method: 'PATCH', path: `/v1/drafts/${draft.id}`, as: staff, body: { tags: ['puistot', `tag-${i}`] },
      headers: { 'if-match': `"${draft.version++}"` },
    }),
    expect: 200,
    raw: (_state, i) => draftWrite('patchDraft', i),
  }),

  listDraftVersions: scenario({
    prepare: (bench) => bench.shared('revisedDraft', async () => {
      let draft = await unpublishedDraft(bench);
      for (let v = 1; v <= pageSize + 4; v++) {
        draft = await bench.call({ method: 'PATCH', path: `/v1/drafts/${draft.id}`, as: staff, body: { tags: [`v${v}`] }, headers: { 'if-match': `"${v}"` } }, 200);
      }
      return bench.call<{ id: string }>({ method: 'POST', path: `/v1/drafts/${draft.id}/publish`, as: staff, body: { closesAt: inDays(14) } }, 200);
    }),
    request: (_bench, draft) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/versions?limit=${pageSize}` }),
    expect: 200,
    raw: (draft) => new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `DRAFT#${draft.id}`, ':prefix': 'VERSION#' },
      ScanIndexForward: false,
      Limit: pageSize,
    }),
  }),

  // Publishing changes a draft once: each request gets a new unpublished draft, made untimed.
  publishDraft: scenario({
    prepare: async () => undefined,
    request: async (bench, _state, i) => {
      const draft = await unpublishedDraft(bench, i);
      return { method: 'POST', path: `/v1/drafts/${draft.id}/publish`, as: staff, body: { closesAt: inDays(14) } };
    },
    expect: 200,
    rawBefore: (_state, i) => [put(draftLike('publishDraft', `${i}`))],
    raw: (_state, i) => new UpdateCommand({
      TableName: tableName(),
      Key: benchKey('publishDraft', `${i}`),
      UpdateExpression: 'SET publishedAt = :at, opensAt = :at, closesAt = :at, updatedAt = :at, gsi1pk = :b, gsi1sk = :at, gsi2pk = :b, gsi2sk = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(publishedAt)',
      ExpressionAttributeValues: { ':at': new Date().toISOString(), ':b': 'BENCH#publishDraft' },
      ReturnValues: 'ALL_NEW',
    }),
  }),

  closeDraft: scenario({
    prepare: async () => undefined,
    request: async (bench, _state, i) => {
      const draft = await openDraft(bench, i);
      return { method: 'POST', path: `/v1/drafts/${draft.id}/close`, as: staff };
    },
    expect: 200,
    rawBefore: (_state, i) => [put(draftLike('closeDraft', `${i}`, true))],
    raw: (_state, i) => new UpdateCommand({
      TableName: tableName(),
      Key: benchKey('closeDraft', `${i}`),
      UpdateExpression: 'SET closesAt = :at, closedAt = :at, updatedAt = :at, gsi1sk = :at',
      ConditionExpression: 'attribute_exists(publishedAt) AND closesAt > :at AND attribute_not_exists(decisionId)',
      ExpressionAttributeValues: { ':at': new Date().toISOString() },
      ReturnValues: 'ALL_NEW',
    }),
  }),

  listDrafts: scenario({
    prepare: (bench) => publishedDrafts(bench),
    request: () => ({ method: 'GET', path: `/v1/drafts?limit=${pageSize}` }),
    expect: 200,
    raw: () => new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DRAFTS' },
      ScanIndexForward: false,
      Limit: pageSize,
    }),
  }),
};
