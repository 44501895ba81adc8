/** Bench scenarios of implementation results: reporting (with the roll-up) and reading. */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Bench, type Scenario } from '../scenario.ts';
import { inDays, pageSize, staff } from '../fixtures.ts';

/** A decision recorded on a meeting of its own, as staff record one. */
export async function benchDecision(bench: Bench, i = 0): Promise<string> {
  const body = await bench.shared('resultsBody', () =>
    bench.call<{ id: string }>({ method: 'POST', path: '/v1/bodies', as: staff, body: { name: { fi: 'Kaupunginhallitus', sv: 'Stadsstyrelsen' }, kind: 'board' } }, 201));
  const meeting = await bench.call<{ id: string; version: number }>({ method: 'POST', path: '/v1/meetings', as: staff, body: { bodyId: body.id, startsAt: inDays(-1) } }, 201);
  const agenda = await bench.call<{ agenda: { items: { id: string }[] } }>({
    method: 'PUT', path: `/v1/meetings/${meeting.id}/agenda`, as: staff,
    body: { items: [{ title: { fi: `Asia ${i}`, sv: `Ärende ${i}` } }] }, headers: { 'if-match': `"${meeting.version}"` },
  }, 200);
  await bench.call({ method: 'POST', path: `/v1/meetings/${meeting.id}/agenda/publish`, as: staff }, 200);
  const decision = await bench.call<{ id: string }>({
    method: 'POST', path: `/v1/meetings/${meeting.id}/items/${agenda.agenda.items[0]!.id}/decision`, as: staff,
    body: { outcome: 'approved', text: { fi: 'Hyväksyttiin.', sv: 'Godkändes.' } },
  }, 201);
  return decision.id;
}

export const resultBody = (i: number, parentId?: string) => ({
  title: { fi: `Toimenpide ${i}`, sv: `Åtgärd ${i}` },
  description: { fi: 'Rantaraitin pyörätie rakennetaan yksisuuntaiseksi.', sv: 'Cykelbanan längs strandpromenaden byggs enkelriktad.' },
  startDate: '2027-03-01', endDate: '2027-10-31', weight: 1 + (i % 3), ...(parentId ? { parentId } : {}),
});

export const addResult = (bench: Bench, decisionId: string, i: number, parentId?: string) =>
  bench.call<{ id: string; version: number }>({ method: 'POST', path: `/v1/decisions/${decisionId}/results`, as: staff, body: resultBody(i, parentId) }, 201);

/** A decision with a programme of 5 parts and a full page (and more) of timeline entries. */
const reportedDecision = (bench: Bench) => bench.shared('reportedDecision', async () => {
  const decisionId = await benchDecision(bench);
  const parent = await addResult(bench, decisionId, 0);
  const parts = [];
  for (let i = 1; i <= 5; i++) parts.push(await addResult(bench, decisionId, i, parent.id));
  for (let i = 6; i < pageSize + 5; i++) await addResult(bench, decisionId, i);
  return { decisionId, parentId: parent.id, parts };
});

/** What one report commits: the result, its parent's progress, the decision's roll-up, the timeline entry. */
const reportWrite = (name: string, i: number, withParent: boolean) => new TransactWriteCommand({
  TransactItems: [
    { Put: { TableName: tableName(), Item: { ...benchKey(name, `result-${i}`), type: 'bench', ...resultBody(i), progress: i % 101, version: i } } },
    ...(withParent ? [{ Update: { TableName: tableName(), Key: benchKey(name, 'parent'), UpdateExpression: 'SET progress = :p', ExpressionAttributeValues: { ':p': i % 101 } } }] : []),
    {
      Update: {
        TableName: tableName(), Key: benchKey(name, 'decision'), UpdateExpression: 'SET implementation = :impl, resultsVersion = :next',
        ExpressionAttributeValues: { ':impl': { status: 'in_progress', progress: i % 101 }, ':next': i },
      },
    },
    { Put: { TableName: tableName(), Item: { ...benchKey(name, `entry-${i}`), type: 'bench', status: 'in_progress', progress: i % 101 } } },
  ],
});

export const resultScenarios: Record<string, Scenario> = {
  // Every 20 requests go to a new decision, so the roll-up reads a tree of ordinary size.
  createResult: scenario({
    prepare: async () => ({ decisions: new Map<number, string>() }),
    request: async (bench, state: { decisions: Map<number, string> }, i) => {
      const group = Math.floor(i / 20);
      if (!state.decisions.has(group)) state.decisions.set(group, await benchDecision(bench, group));
      return {
        method: 'POST', path: `/v1/decisions/${state.decisions.get(group)}/results`, as: staff, body: resultBody(i),
        headers: { 'idempotency-key': `bench-${bench.runId}-${i}` },
      };
    },
    expect: 201,
    raw: (_state, i) => reportWrite('createResult', i, false),
  }),

  // Reports on the parts of one programme in turn; each succeeds, so the next If-Match is known.
  patchResult: scenario({
    prepare: async (bench) => {
      const decisionId = await benchDecision(bench);
      const parent = await addResult(bench, decisionId, 0);
      const parts = [];
      for (let i = 1; i <= 5; i++) parts.push(await addResult(bench, decisionId, i, parent.id));
      return { decisionId, parts };
    },
    request: (_bench, state: { decisionId: string; parts: { id: string; version: number }[] }, i) => {
      const part = state.parts[i % state.parts.length]!;
      return {
        method: 'PATCH', path: `/v1/decisions/${state.decisionId}/results/${part.id}`, as: staff,
        body: { status: 'in_progress', progress: i % 101 }, headers: { 'if-match': `"${part.version++}"` },
      };
    },
    expect: 200,
    raw: (_state, i) => reportWrite('patchResult', i, true),
  }),

  listResults: scenario({
    prepare: reportedDecision,
    request: (_bench, { decisionId }) => ({ method: 'GET', path: `/v1/decisions/${decisionId}/results?limit=${pageSize}` }),
    expect: 200,
    raw: ({ decisionId }) => new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `DECISION#${decisionId}`, ':prefix': 'RESULT#' }, Limit: pageSize,
    }),
  }),

  getResult: scenario({
    prepare: reportedDecision,
    request: (_bench, { decisionId, parentId }) => ({ method: 'GET', path: `/v1/decisions/${decisionId}/results/${parentId}` }),
    expect: 200,
    raw: ({ decisionId, parentId }) => new GetCommand({ TableName: tableName(), Key: { pk: `DECISION#${decisionId}`, sk: `RESULT#${parentId}` } }),
  }),

  listTimeline: scenario({
    prepare: reportedDecision,
    request: (_bench, { decisionId }) => ({ method: 'GET', path: `/v1/decisions/${decisionId}/timeline?limit=${pageSize}` }),
    expect: 200,
    raw: ({ decisionId }) => new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `DECISION#${decisionId}`, ':prefix': 'TIMELINE#' }, Limit: pageSize,
    }),
  }),
};
