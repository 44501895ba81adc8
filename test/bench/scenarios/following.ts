/**
 * Bench scenarios of following and notifications, and the pipeline probes: how long from a
 * write until the follower's feed shows it (stream -> publisher -> bus -> fan-out -> read).
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { deliver } from '#shared/notifications/repository.ts';
import { benchKey } from '../raw.ts';
import type { PipelineProbe } from '../pipeline.ts';
import { scenario, type Bench, type Scenario, type User } from '../scenario.ts';
import { comment, openDraft, pageSize, resident, staff, voter, type OpenDraft } from '../fixtures.ts';
import { addResult, benchDecision } from './results.ts';

const reader: User = { sub: 'bench-reader', name: 'Lukija' };

const subscriptionLike = (name: string, i: number) => ({
  ...benchKey(name, `subscription-${i}`), type: 'bench', state: 'following', origin: 'explicit', since: new Date().toISOString(),
  userPk: `USER#bench-${i}`, userSk: `SUBSCRIPTION#${name}`,
});

/** Following: each request is another resident (PUT), or one who follows already (DELETE). */
const subscriptionScenarios = (kind: 'draft' | 'decision', Kind: string, subject: (bench: Bench) => Promise<string>): Record<string, Scenario> => ({
  [`follow${Kind}`]: scenario({
    prepare: subject,
    request: (_bench, id: string, i) => ({ method: 'PUT', path: `/v1/${kind}s/${id}/subscription`, as: voter(i) }),
    expect: 200,
    raw: (_state, i) => new PutCommand({ TableName: tableName(), Item: subscriptionLike(`follow${Kind}`, i) }),
  }),
  [`unfollow${Kind}`]: scenario({
    prepare: subject,
    request: async (bench, id: string, i) => {
      await bench.call({ method: 'PUT', path: `/v1/${kind}s/${id}/subscription`, as: voter(10_000 + i) }, 200);
      return { method: 'DELETE', path: `/v1/${kind}s/${id}/subscription`, as: voter(10_000 + i) };
    },
    expect: 204,
    raw: (_state, i) => new PutCommand({ TableName: tableName(), Item: { ...subscriptionLike(`unfollow${Kind}`, i), state: 'unfollowed' } }),
  }),
  [`get${Kind}Subscription`]: scenario({
    prepare: subject,
    request: (_bench, id: string) => ({ method: 'GET', path: `/v1/${kind}s/${id}/subscription`, as: resident }),
    expect: 200,
    raw: (id: string) => new GetCommand({ TableName: tableName(), Key: { pk: `FOLLOWERS#${kind}#${id}`, sk: `USER#${resident.sub}` }, ConsistentRead: true }),
  }),
});

const followedDraft = (bench: Bench) => bench.shared('followedDraft', async () => (await openDraft(bench)).id);
/** Three open drafts the reader follows, each with a comment by someone else. */
const activeDrafts = (bench: Bench): Promise<OpenDraft[]> => bench.shared('activeDrafts', async () => {
  const drafts = await Promise.all([1, 2, 3].map((i) => openDraft(bench, 100 + i)));
  for (const d of drafts) {
    await bench.call({ method: 'PUT', path: `/v1/drafts/${d.id}/subscription`, as: reader }, 200);
    await comment(bench, d, resident);
  }
  return drafts;
});
const followedDecision = (bench: Bench) => bench.shared('followedDecision', () => benchDecision(bench));

export const followingScenarios: Record<string, Scenario> = {
  ...subscriptionScenarios('draft', 'Draft', followedDraft),
  ...subscriptionScenarios('decision', 'Decision', followedDecision),

  // The bench measures routes with the event pipeline off: the feed is filled as the fan-out
  // fills it; the reader also follows three drafts with comments on them (open comment activity).
  listNotifications: scenario({
    prepare: async (bench) => {
      const draftId = await followedDraft(bench);
      for (let i = 0; i < pageSize + 5; i++) {
        const at = new Date(Date.now() - i * 60_000).toISOString();
        await deliver(reader.sub, `bench-${bench.runId}-${i}`, { event: 'DraftClosed', at, title: { fi: 'Puisto', sv: 'Park' }, draftId });
      }
      await activeDrafts(bench);
    },
    request: () => ({ method: 'GET', path: `/v1/me/notifications?limit=${pageSize}`, as: reader }),
    expect: 200,
    raw: () => new QueryCommand({
      TableName: tableName(), IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': `FEED#${reader.sub}` },
      ScanIndexForward: false, Limit: pageSize,
    }),
  }),
  // Each request reads everything so far after another comment: it closes that draft's activity.
  markNotificationsRead: scenario({
    prepare: activeDrafts,
    request: async (bench, drafts: OpenDraft[], i) => {
      await comment(bench, drafts[i % drafts.length]!, voter(20_000 + i), i);
      return { method: 'POST', path: '/v1/me/notifications/read', as: reader, body: { upTo: new Date().toISOString() } };
    },
    expect: 204,
    raw: () => new PutCommand({ TableName: tableName(), Item: { ...benchKey('markNotificationsRead', 'read'), type: 'bench', upTo: new Date().toISOString() } }),
  }),
};

const feedShows = async (bench: Bench, user: User, match: (n: Record<string, unknown>) => boolean) => {
  const res = await bench.send({ method: 'GET', path: '/v1/me/notifications?limit=5', as: user });
  return res.status === 200 && (JSON.parse(res.body) as { items: Record<string, unknown>[] }).items.some(match);
};

const follower: User = { sub: 'bench-follower', name: 'Seuraaja' };

export const followingProbes: PipelineProbe[] = [
  {
    name: "comment posted -> in a follower's feed",
    prepare: async (bench) => {
      const draft = await openDraft(bench);
      await bench.call({ method: 'PUT', path: `/v1/drafts/${draft.id}/subscription`, as: follower }, 200);
      return { draft, comments: [] as string[] };
    },
    write: async (bench, state: { draft: OpenDraft; comments: string[] }, i) => {
      state.comments[i] = (await comment(bench, state.draft, resident, i)).id;
    },
    visible: (bench, state: { comments: string[] }, i) => feedShows(bench, follower, (n) => n.commentId === state.comments[i]),
  } as PipelineProbe<{ draft: OpenDraft; comments: string[] }> as PipelineProbe,
  {
    name: "result reported -> in a follower's feed (with the roll-up)",
    prepare: async (bench) => {
      const decisionId = await benchDecision(bench);
      await bench.call({ method: 'PUT', path: `/v1/decisions/${decisionId}/subscription`, as: follower }, 200);
      return { decisionId, result: await addResult(bench, decisionId, 0) };
    },
    write: async (bench, state: { decisionId: string; result: { id: string; version: number } }, i) => {
      await bench.call({
        method: 'PATCH', path: `/v1/decisions/${state.decisionId}/results/${state.result.id}`, as: staff,
        body: { status: 'in_progress', progress: i + 1 }, headers: { 'if-match': `"${state.result.version++}"` },
      }, 200);
    },
    visible: (bench, state: { result: { id: string } }, i) =>
      feedShows(bench, follower, (n) => n.resultId === state.result.id && n.progress === i + 1),
  } as PipelineProbe<{ decisionId: string; result: { id: string; version: number } }> as PipelineProbe,
];
