/** Bench scenarios of participation integrity: polls and ballots, moderation, own data, staff export. */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Bench, type Scenario } from '../scenario.ts';
import { comment, discussedDraft, openDraft, pageSize, resident, staff, voter, type OpenDraft } from '../fixtures.ts';
import { commentLike, draftLike, put } from './items.ts';

const moderator = { sub: 'bench-moderator', name: 'Mika Moderator', groups: ['moderator' as const] };

const pollBody = (i: number) => ({
  question: { fi: `Mikä reitti ensin? ${i}`, sv: `Vilken rutt först? ${i}` },
  options: [{ text: { fi: 'Rantaraitti', sv: 'Strandpromenaden' } }, { text: { fi: 'Asemanreitti', sv: 'Stationsrutten' } }, { text: { fi: 'Torin reitti', sv: 'Torgrutten' } }],
  type: 'single',
  resultsVisibility: 'always',
});

interface PolledDraft {
  draft: OpenDraft;
  pollId: string;
  options: string[];
}

/** An open draft with one poll, answered by a few voters. */
const polledDraft = (bench: Bench): Promise<PolledDraft> =>
  bench.shared('polledDraft', async () => {
    const draft = await openDraft(bench);
    const poll = await bench.call<{ id: string; options: { id: string }[] }>({ method: 'POST', path: `/v1/drafts/${draft.id}/polls`, as: staff, body: pollBody(0) }, 201);
    const options = poll.options.map((o) => o.id);
    for (let i = 0; i < 5; i++) {
      await bench.call({ method: 'PUT', path: `/v1/drafts/${draft.id}/polls/${poll.id}/ballot`, as: voter(900_000 + i), body: { optionIds: [options[i % 3]] } }, 200);
    }
    return { draft, pollId: poll.id, options };
  });

/** A ballot-shaped item and the shard update a ballot makes, on bench keys. */
const ballotTransaction = (name: string, i: number) => new TransactWriteCommand({
  TransactItems: [
    {
      Put: {
        TableName: tableName(),
        Item: { ...benchKey(name, `ballot-${i}`), type: 'bench', pollId: 'bench', draftId: 'bench', optionIds: ['A'], shard: i % 8, revision: 1, userPk: 'BALLOTS#bench', userSk: `BALLOT#${i}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName(), Key: benchKey(name, `shard-${i % 8}`),
        UpdateExpression: 'ADD #total :one, #o :one', ConditionExpression: 'attribute_not_exists(closedAt)',
        ExpressionAttributeNames: { '#total': 'total', '#o': 'option_A' }, ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ],
});

/** The hide/restore transaction: comment status, the draft's count, a log entry. */
const moderationTransaction = (name: string, i: number, to: 'hidden' | 'visible') => new TransactWriteCommand({
  TransactItems: [
    {
      Update: {
        TableName: tableName(), Key: benchKey(name, `comment-${i}`),
        UpdateExpression: 'SET #status = :to, updatedAt = :at, flagCount = :zero REMOVE flagPk',
        ConditionExpression: '#status = :was AND flagCount = :zero',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': to, ':at': new Date().toISOString(), ':zero': 0, ':was': to === 'hidden' ? 'visible' : 'hidden' },
      },
    },
    { Update: { TableName: tableName(), Key: benchKey(name, `draft-${i}`), UpdateExpression: 'ADD commentCount :d', ExpressionAttributeValues: { ':d': to === 'hidden' ? -1 : 1 } } },
    { Put: { TableName: tableName(), Item: { ...benchKey(name, `log-${i}`), type: 'bench', action: to, reason: 'Asiaton', at: new Date().toISOString() } } },
  ],
});

const benchCommentFor = (name: string, status: 'visible' | 'hidden' = 'visible') => (_state: unknown, i: number) => [
  put(draftLike(name, `draft-${i}`, true)),
  put({ ...commentLike(name, `comment-${i}`), status }),
];

export const participationScenarios: Record<string, Scenario> = {
  createPoll: scenario({
    prepare: (bench) => openDraft(bench),
    request: (bench, draft: OpenDraft, i) => ({
      method: 'POST', path: `/v1/drafts/${draft.id}/polls`, as: staff, body: pollBody(i), headers: { 'idempotency-key': `bench-${bench.runId}-poll-${i}` },
    }),
    expect: 201,
    rawBefore: (_state, i) => [put(draftLike('createPoll', `draft-${i}`, true))],
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        { ConditionCheck: { TableName: tableName(), Key: benchKey('createPoll', `draft-${i}`), ConditionExpression: 'attribute_exists(pk)' } },
        { Put: { TableName: tableName(), Item: { ...benchKey('createPoll', `poll-${i}`), ...pollBody(i), kind: 'single', type: 'bench' }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }),
  }),

  listPolls: scenario({
    prepare: polledDraft,
    request: (_bench, { draft }: PolledDraft) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/polls?limit=${pageSize}` }),
    expect: 200,
    raw: ({ draft }: PolledDraft) => new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `DRAFT#${draft.id}`, ':p': 'POLL#' }, Limit: pageSize,
    }),
  }),

  getPoll: scenario({
    prepare: polledDraft,
    request: (_bench, { draft, pollId }: PolledDraft) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/polls/${pollId}` }),
    expect: 200,
    raw: ({ draft, pollId }: PolledDraft) => new GetCommand({ TableName: tableName(), Key: { pk: `DRAFT#${draft.id}`, sk: `POLL#${pollId}` } }),
  }),

  // One ballot per person: request i votes as a new voter.
  castBallot: scenario({
    prepare: polledDraft,
    request: (_bench, { draft, pollId, options }: PolledDraft, i) => ({
      method: 'PUT', path: `/v1/drafts/${draft.id}/polls/${pollId}/ballot`, as: voter(i), body: { optionIds: [options[i % 3]] },
    }),
    expect: 200,
    raw: (_state, i) => ballotTransaction('castBallot', i),
  }),

  getBallot: scenario({
    prepare: polledDraft,
    request: (_bench, { draft, pollId }: PolledDraft) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/polls/${pollId}/ballot`, as: voter(900_000) }),
    expect: 200,
    raw: () => new GetCommand({ TableName: tableName(), Key: benchKey('getBallot', 'ballot'), ConsistentRead: true }),
  }),

  // One flag per person: request i flags as a new voter.
  flagComment: scenario({
    prepare: async (bench) => {
      const draft = await openDraft(bench);
      return { draft, commentId: (await comment(bench, draft, resident)).id };
    },
    request: (_bench, { draft, commentId }: { draft: OpenDraft; commentId: string }, i) => ({
      method: 'POST', path: `/v1/drafts/${draft.id}/comments/${commentId}/flags`, as: voter(i), body: { reason: 'spam' },
    }),
    expect: 202,
    rawBefore: benchCommentFor('flagComment'),
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: { ...benchKey('flagComment', `flag-${i}`), type: 'bench', reason: 'spam', userPk: 'USER#bench', userSk: `FLAG#${i}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: tableName(), Key: benchKey('flagComment', `comment-${i}`),
            UpdateExpression: 'SET flagPk = :q ADD flagCount :one', ConditionExpression: '#status = :visible',
            ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':q': 'BENCH#queue', ':one': 1, ':visible': 'visible' },
          },
        },
      ],
    }),
  }),

  moderationQueue: scenario({
    prepare: async (bench) => {
      const { draft } = await discussedDraft(bench);
      const page = await bench.call<{ items: { id: string }[] }>({ method: 'GET', path: `/v1/drafts/${draft.id}/comments?limit=${pageSize}` });
      for (const c of page.items) await bench.call({ method: 'POST', path: `/v1/drafts/${draft.id}/comments/${c.id}/flags`, as: voter(800_000), body: { reason: 'other' } });
      return draft;
    },
    request: () => ({ method: 'GET', path: `/v1/moderation/queue?limit=${pageSize}`, as: moderator }),
    expect: 200,
    raw: () => new QueryCommand({
      TableName: tableName(), IndexName: 'byFlags', KeyConditionExpression: 'flagPk = :q', ExpressionAttributeValues: { ':q': 'QUEUE' }, ScanIndexForward: false, Limit: pageSize,
    }),
  }),

  // Each request hides a new comment, posted untimed.
  hideComment: scenario({
    prepare: (bench) => openDraft(bench),
    request: async (bench, draft: OpenDraft, i) => {
      const { id } = await comment(bench, draft, resident, i);
      return { method: 'POST', path: `/v1/drafts/${draft.id}/comments/${id}/hide`, as: moderator, body: { reason: 'Asiaton' } };
    },
    expect: 200,
    rawBefore: benchCommentFor('hideComment'),
    raw: (_state, i) => moderationTransaction('hideComment', i, 'hidden'),
  }),

  restoreComment: scenario({
    prepare: (bench) => openDraft(bench),
    request: async (bench, draft: OpenDraft, i) => {
      const { id } = await comment(bench, draft, resident, i);
      await bench.call({ method: 'POST', path: `/v1/drafts/${draft.id}/comments/${id}/hide`, as: moderator, body: { reason: 'Asiaton' } }, 200);
      return { method: 'POST', path: `/v1/drafts/${draft.id}/comments/${id}/restore`, as: moderator, body: { reason: 'Tarkistettu' } };
    },
    expect: 200,
    rawBefore: benchCommentFor('restoreComment', 'hidden'),
    raw: (_state, i) => moderationTransaction('restoreComment', i, 'visible'),
  }),

  dismissFlags: scenario({
    prepare: (bench) => openDraft(bench),
    request: async (bench, draft: OpenDraft, i) => {
      const { id } = await comment(bench, draft, resident, i);
      await bench.call({ method: 'POST', path: `/v1/drafts/${draft.id}/comments/${id}/flags`, as: voter(i), body: { reason: 'spam' } }, 202);
      return { method: 'POST', path: `/v1/drafts/${draft.id}/comments/${id}/flags/dismiss`, as: moderator, body: { reason: 'Asiallinen' } };
    },
    expect: 200,
    rawBefore: benchCommentFor('dismissFlags'),
    raw: (_state, i) => new UpdateCommand({
      TableName: tableName(), Key: benchKey('dismissFlags', `comment-${i}`),
      UpdateExpression: 'SET updatedAt = :at, flagCount = :zero REMOVE flagPk', ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': new Date().toISOString(), ':zero': 0 },
    }),
  }),

  moderationLog: scenario({
    prepare: async (bench) => {
      const draft = await openDraft(bench);
      for (let i = 0; i < pageSize; i++) {
        const { id } = await comment(bench, draft, resident, i);
        await bench.call({ method: 'POST', path: `/v1/drafts/${draft.id}/comments/${id}/hide`, as: moderator, body: { reason: 'Asiaton' } }, 200);
      }
      return draft;
    },
    request: (_bench, draft: OpenDraft) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/moderation-log?limit=${pageSize}` }),
    expect: 200,
    raw: (draft: OpenDraft) => new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `DRAFT#${draft.id}`, ':p': 'MODLOG#' }, Limit: pageSize,
    }),
  }),

  getMe: scenario({
    prepare: async () => undefined,
    request: () => ({ method: 'GET', path: '/v1/me', as: resident }),
    expect: 200,
  }),

  exportMe: scenario({
    prepare: (bench) => discussedDraft(bench),
    request: () => ({ method: 'GET', path: '/v1/me/export', as: resident }),
    expect: 200,
    raw: () => new QueryCommand({
      TableName: tableName(), IndexName: 'byUser', KeyConditionExpression: 'userPk = :pk', ExpressionAttributeValues: { ':pk': `USER#${resident.sub}` },
    }),
  }),

  // Each request erases a new person who has commented once.
  eraseMe: scenario({
    prepare: (bench) => openDraft(bench),
    request: async (bench, draft: OpenDraft, i) => {
      await comment(bench, draft, voter(700_000 + i), i);
      return { method: 'DELETE', path: '/v1/me', as: voter(700_000 + i) };
    },
    expect: 204,
    rawBefore: benchCommentFor('eraseMe'),
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(), Key: benchKey('eraseMe', `comment-${i}`),
            UpdateExpression: 'SET #status = :deleted REMOVE body, authorSub, authorName, userPk, userSk',
            ConditionExpression: '#status = :visible', ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':deleted': 'deleted', ':visible': 'visible' },
          },
        },
        { Update: { TableName: tableName(), Key: benchKey('eraseMe', `draft-${i}`), UpdateExpression: 'ADD commentCount :d', ExpressionAttributeValues: { ':d': -1 } } },
      ],
    }),
  }),

  exportDraft: scenario({
    prepare: (bench) => discussedDraft(bench),
    request: (_bench, { draft }: { draft: OpenDraft }) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/export?format=csv`, as: staff }),
    expect: 200,
    raw: ({ draft }: { draft: OpenDraft }) => new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `DRAFT#${draft.id}`, ':p': 'COMMENT#' },
    }),
  }),
};
