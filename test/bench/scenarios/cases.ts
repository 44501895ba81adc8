/**
 * Bench scenarios of following a case from Ahjo: case and decision imports (what every
 * record of a scheduled sync costs), reading a case, results by external id and their CSV,
 * and the open-data listing.
 */
import { readFileSync } from 'node:fs';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Bench } from '../scenario.ts';
import { staff } from '../fixtures.ts';

const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../../../../shared/fixtures/ahjo/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
const decisionRecord = () => ({ ...fixture('decision-record.json'), VoteResults: fixture('decision-vote-results.json') });

/** The meeting the decision record names, imported once, and the decision recorded on it once. */
const importedDecision = (bench: Bench) => bench.shared('importedDecision', async () => {
  const base = fixture('meetings-sample.json').meetings[0];
  await bench.call({
    method: 'POST', path: '/v1/imports/ahjo/meetings', as: staff,
    body: { ...base, MeetingID: '0040020254', MeetingSequenceNumber: 4, DateMeeting: '2025-01-27T16:00:00.000', Agenda: [{ ...base.Agenda[1], AgendaPoint: '13' }] },
  });
  const report = await bench.call<{ decision: { id: string } }>({ method: 'POST', path: '/v1/imports/ahjo/decisions', as: staff, body: decisionRecord() });
  await bench.call({ method: 'POST', path: '/v1/imports/ahjo/cases', as: staff, body: fixture('case.json') });
  for (let k = 0; k < 10; k++) {
    await bench.call({
      method: 'PUT', path: `/v1/decisions/${report.decision.id}/results/by-external-id/bench-${k}`, as: staff,
      body: { title: { fi: `Tulos ${k}`, sv: `Resultat ${k}` }, status: 'in_progress', progress: 10 * k },
    });
  }
  return { decisionId: report.decision.id };
});

/** A four-digit "year" from the run id, so each run's cases are new ones. */
const runYear = (runId: string) => 1000 + [...runId].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 9000, 0);

const collection = (pk: string) => new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });

export const caseScenarios = {
  // Each request a new case (201): one consistent Query of its collection, one conditional Put.
  importAhjoCase: scenario({
    prepare: async () => fixture('case.json'),
    request: (bench, record: Record<string, unknown>, i) => ({
      method: 'POST', path: '/v1/imports/ahjo/cases', as: staff, body: { ...record, CaseIDLabel: `BEN ${runYear(bench.runId)}-${String(i).padStart(7, '0')}` },
    }),
    expect: 201,
    raw: (_state, i) => new PutCommand({ TableName: tableName(), Item: { ...benchKey('importAhjoCase', i), type: 'bench', ...fixture('case.json') }, ConditionExpression: 'attribute_not_exists(pk)' }),
  }),

  // The sync's usual case: the same decision again, unchanged (200): lookup, meeting, decision.
  importAhjoDecision: scenario({
    prepare: importedDecision,
    request: () => ({ method: 'POST', path: '/v1/imports/ahjo/decisions', as: staff, body: decisionRecord() }),
    expect: 200,
    raw: ({ decisionId }: { decisionId: string }) => new GetCommand({ TableName: tableName(), Key: { pk: `DECISION#${decisionId}`, sk: 'DECISION' }, ConsistentRead: true }),
  }),

  getCase: scenario({
    prepare: importedDecision,
    request: () => ({ method: 'GET', path: '/v1/cases/HEL-2025-001216' }),
    expect: 200,
    raw: () => collection('CASE#HEL-2025-001216'),
  }),

  // A CSV re-run: the result as it is (200, nothing written): one consistent read of the collection.
  putResultByExternalId: scenario({
    prepare: importedDecision,
    request: (_bench, { decisionId }: { decisionId: string }) => ({
      method: 'PUT', path: `/v1/decisions/${decisionId}/results/by-external-id/bench-3`, as: staff,
      body: { title: { fi: 'Tulos 3', sv: 'Resultat 3' }, status: 'in_progress', progress: 30 },
    }),
    expect: 200,
    raw: ({ decisionId }: { decisionId: string }) => collection(`DECISION#${decisionId}`),
  }),

  exportResults: scenario({
    prepare: importedDecision,
    request: (_bench, { decisionId }: { decisionId: string }) => ({ method: 'GET', path: `/v1/decisions/${decisionId}/results.csv` }),
    expect: 200,
    raw: ({ decisionId }: { decisionId: string }) => collection(`DECISION#${decisionId}`),
  }),

  listOpenData: scenario({
    prepare: async () => ({}),
    request: () => ({ method: 'GET', path: '/v1/open-data' }),
    expect: 200,
    raw: () => new GetCommand({ TableName: tableName(), Key: { pk: 'OPENDATA', sk: 'MANIFEST' } }),
  }),
};
