/** Bench scenarios of bodies, meetings and agendas, decisions on agenda items, and Ahjo imports. */
import { readFileSync } from 'node:fs';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Bench, type Scenario } from '../scenario.ts';
import { inDays, pageSize, staff } from '../fixtures.ts';
import { put } from './items.ts';

/** An agenda of ordinary size: a council's agenda has about ten items. */
const agendaSize = 10;

const bodyBody = (i: number) => ({ name: { fi: `Kaupunkiympäristölautakunta ${i}`, sv: `Stadsmiljönämnden ${i}` }, kind: 'committee' });

const agendaItem = (k: number, tag: number | string = 0) => ({
  title: { fi: `Asia ${k + 1}: Rantaraitin pyörätie (${tag})`, sv: `Ärende ${k + 1}: Cykelbanan längs strandpromenaden (${tag})` },
  summary: { fi: 'Lautakunta päättää pyörätien suunnitelmasta.', sv: 'Nämnden beslutar om planen för cykelbanan.' },
});

const decisionBody = { outcome: 'approved', text: { fi: 'Hyväksyttiin esityksen mukaisesti.', sv: 'Godkändes enligt förslaget.' } };

interface Meeting {
  id: string;
  version: number;
  items: string[];
}

type MeetingReply = { id: string; version: number; agenda: { items: { id: string }[] } | null };

/** The body the bench's meetings belong to, made once per run. */
const benchBody = (bench: Bench) =>
  bench.shared('meetingsBody', () => bench.call<{ id: string }>({ method: 'POST', path: '/v1/bodies', as: staff, body: bodyBody(0) }, 201));

/** A meeting with an agenda of `items` items; published when `publish`. */
async function meetingWithAgenda(bench: Bench, opts: { items?: number; publish?: boolean; startsAt?: string } = {}): Promise<Meeting> {
  const body = await benchBody(bench);
  const created = await bench.call<MeetingReply>({
    method: 'POST', path: '/v1/meetings', as: staff,
    body: { bodyId: body.id, startsAt: opts.startsAt ?? inDays(-1), location: { fi: 'Kaupungintalo', sv: 'Stadshuset' } },
  }, 201);
  let meeting = await bench.call<MeetingReply>({
    method: 'PUT', path: `/v1/meetings/${created.id}/agenda`, as: staff,
    body: { items: Array.from({ length: opts.items ?? agendaSize }, (_, k) => agendaItem(k)) }, headers: { 'if-match': `"${created.version}"` },
  }, 200);
  if (opts.publish) meeting = await bench.call<MeetingReply>({ method: 'POST', path: `/v1/meetings/${created.id}/agenda/publish`, as: staff }, 200);
  return { id: meeting.id, version: meeting.version, items: meeting.agenda!.items.map((i) => i.id) };
}

/** More bodies than a page holds. */
const bodies = (bench: Bench) => bench.shared('bodies', async () => {
  const made = [];
  for (let i = 1; i <= pageSize + 5; i++) made.push(await bench.call<{ id: string }>({ method: 'POST', path: '/v1/bodies', as: staff, body: bodyBody(i) }, 201));
  return made;
});

/** One body's schedule: more meetings than a page holds. */
const schedule = (bench: Bench) => bench.shared('schedule', async () => {
  const body = await bench.call<{ id: string }>({ method: 'POST', path: '/v1/bodies', as: staff, body: bodyBody(-1) }, 201);
  for (let i = 0; i < pageSize + 5; i++) {
    await bench.call({ method: 'POST', path: '/v1/meetings', as: staff, body: { bodyId: body.id, startsAt: inDays(i - 10), title: { fi: `Kokous ${i}`, sv: `Möte ${i}` } } }, 201);
  }
  return { bodyId: body.id };
});

/** A published agenda corrected more times than a page of versions holds. */
const correctedMeeting = (bench: Bench) => bench.shared('correctedMeeting', async () => {
  const meeting = await meetingWithAgenda(bench, { publish: true });
  for (let v = 1; v <= pageSize + 4; v++) {
    const items = meeting.items.map((id, k) => ({ id, ...agendaItem(k, k === v % agendaSize ? `korjattu ${v}` : 0) }));
    const next = await bench.call<MeetingReply>({
      method: 'PUT', path: `/v1/meetings/${meeting.id}/agenda`, as: staff,
      body: { items, changelog: { fi: `Korjaus ${v}`, sv: `Rättelse ${v}` } }, headers: { 'if-match': `"${meeting.version}"` },
    }, 200);
    meeting.version = next.version;
  }
  return meeting;
});

/** A published meeting with more decisions than a page holds. */
const decidedMeeting = (bench: Bench) => bench.shared('decidedMeeting', async () => {
  const meeting = await meetingWithAgenda(bench, { items: pageSize + 5, publish: true });
  const decisions = [];
  for (const itemId of meeting.items) {
    decisions.push(await bench.call<{ id: string }>({ method: 'POST', path: `/v1/meetings/${meeting.id}/items/${itemId}/decision`, as: staff, body: decisionBody }, 201));
  }
  return { meeting, decisionIds: decisions.map((d) => d.id) };
});

// The fixture lives beside the repository (/work/shared), as the import tests read it.
const ahjoSample = (): Record<string, unknown> => {
  const { meetings } = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/ahjo/meetings-sample.json', import.meta.url), 'utf8')) as { meetings: Record<string, unknown>[] };
  // A meeting with a public agenda and each item's HTML: the import's full work.
  return meetings.find((m) => m.MeetingID === '00400202035')!;
};

/** The sample Ahjo meeting, imported once: agenda items carrying their documents' HTML. */
const importedMeeting = (bench: Bench) => bench.shared('importedMeeting', async () => {
  const report = await bench.call<{ meeting: MeetingReply }>({ method: 'POST', path: '/v1/imports/ahjo/meetings', as: staff, body: ahjoSample() });
  return { id: report.meeting.id, itemId: report.meeting.agenda!.items[0]!.id };
});

const calendarFields = ['id', 'bodyId', 'title', 'startsAt', 'endsAt', 'location', 'status', 'version', 'createdAt', 'updatedAt', 'agendaPublishedAt'];

/** A meeting item as the app stores it (the whole agenda in it), on bench keys and bench index partitions. */
const meetingLike = (name: string, key: string, version = 1, items = agendaSize) => {
  const at = new Date().toISOString();
  return {
    ...benchKey(name, key), type: 'bench', id: key, version, bodyId: 'bench', startsAt: at, status: 'scheduled',
    location: { fi: 'Kaupungintalo', sv: 'Stadshuset' },
    agenda: { items: Array.from({ length: items }, (_, k) => ({ id: `item-${k}`, number: k + 1, ...agendaItem(k), documents: [] })) },
    agendaVersion: 1, decisions: {}, documents: [], createdAt: at, updatedAt: at,
    gsi1pk: `BENCH#${name}`, gsi1sk: `${at}#${key}`, gsi2pk: `BENCH#${name}`, gsi2sk: `${at}#${key}`,
  };
};

/** What saving a meeting commits: the whole item, conditional on the version read, and `also`. */
const meetingSave = (name: string, i: number, also: 'version' | 'lookup+version' | 'none', items = agendaSize) => new TransactWriteCommand({
  TransactItems: [
    {
      Put: {
        TableName: tableName(), Item: meetingLike(name, `meeting-${i}`, i + 1, items),
        ...(also === 'lookup+version' || items === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': i } }),
      },
    },
    ...(also === 'lookup+version' ? [{ Put: { TableName: tableName(), Item: { ...benchKey(name, `lookup-${i}`), type: 'bench', meetingId: `meeting-${i}` }, ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
    ...(also === 'none' ? [] : [{
      Put: {
        TableName: tableName(), Item: { ...benchKey(name, `version-${i}`), type: 'bench', version: 1, event: 'published', changes: [], by: 'staff', items: meetingLike(name, 'v').agenda.items },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }]),
  ],
});

/** The stored meeting the raw save `i` expects, at version `i`. */
const meetingBefore = (name: string) => (_state: unknown, i: number) => [put(meetingLike(name, `meeting-${i}`, i))];

export const meetingScenarios: Record<string, Scenario> = {
  createBody: scenario({
    prepare: async () => undefined,
    request: (bench, _state, i) => ({ method: 'POST', path: '/v1/bodies', as: staff, body: bodyBody(i), headers: { 'idempotency-key': `bench-${bench.runId}-body-${i}` } }),
    expect: 201,
    raw: (_state, i) => new TransactWriteCommand({
      TransactItems: [{
        Put: { TableName: tableName(), Item: { ...benchKey('createBody', i), type: 'bench', ...bodyBody(i), gsi1pk: 'BENCH#createBody', gsi1sk: `${i}` }, ConditionExpression: 'attribute_not_exists(pk)' },
      }],
    }),
  }),

  listBodies: scenario({
    prepare: bodies,
    request: () => ({ method: 'GET', path: `/v1/bodies?limit=${pageSize}` }),
    expect: 200,
    raw: () => new QueryCommand({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'BODIES' }, Limit: pageSize }),
  }),

  getBody: scenario({
    prepare: benchBody,
    request: (_bench, body) => ({ method: 'GET', path: `/v1/bodies/${body.id}` }),
    expect: 200,
    raw: (body) => new GetCommand({ TableName: tableName(), Key: { pk: `BODY#${body.id}`, sk: 'BODY' } }),
  }),

  createMeeting: scenario({
    prepare: benchBody,
    request: (bench, body, i) => ({
      method: 'POST', path: '/v1/meetings', as: staff, body: { bodyId: body.id, startsAt: inDays(30 + (i % 300)), title: { fi: `Kokous ${i}`, sv: `Möte ${i}` } },
      headers: { 'idempotency-key': `bench-${bench.runId}-meeting-${i}` },
    }),
    expect: 201,
    raw: (_state, i) => meetingSave('createMeeting', i, 'none', 0),
  }),

  listMeetings: scenario({
    prepare: schedule,
    request: (_bench, { bodyId }) => ({ method: 'GET', path: `/v1/meetings?bodyId=${bodyId}&limit=${pageSize}` }),
    expect: 200,
    raw: ({ bodyId }) => new QueryCommand({
      TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `MEETINGS#${bodyId}` }, Limit: pageSize,
    }),
  }),

  // One body's feed, as a resident subscribes to it; the query takes the meetings' calendar fields only.
  meetingCalendar: scenario({
    prepare: schedule,
    request: (_bench, { bodyId }) => ({ method: 'GET', path: `/v1/meetings.ics?bodyId=${bodyId}` }),
    expect: 200,
    raw: ({ bodyId }) => new QueryCommand({
      TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `MEETINGS#${bodyId}` },
      ProjectionExpression: calendarFields.map((_, k) => `#f${k}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(calendarFields.map((f, k) => [`#f${k}`, f])), ScanIndexForward: false, Limit: 200,
    }),
  }),

  getMeeting: scenario({
    prepare: (bench) => bench.shared('publishedMeeting', () => meetingWithAgenda(bench, { publish: true })),
    request: (_bench, meeting: Meeting) => ({ method: 'GET', path: `/v1/meetings/${meeting.id}` }),
    expect: 200,
    raw: (meeting: Meeting) => new GetCommand({ TableName: tableName(), Key: { pk: `MEETING#${meeting.id}`, sk: 'MEETING' } }),
  }),

  // Each edit moves the meeting one version on; every request succeeds, so the next If-Match is known.
  patchMeeting: scenario({
    prepare: (bench) => meetingWithAgenda(bench, { startsAt: inDays(7) }),
    request: (_bench, meeting: Meeting, i) => ({
      method: 'PATCH', path: `/v1/meetings/${meeting.id}`, as: staff,
      body: { title: { fi: `Kokous ${i}`, sv: `Möte ${i}` } }, headers: { 'if-match': `"${meeting.version++}"` },
    }),
    expect: 200,
    rawBefore: meetingBefore('patchMeeting'),
    raw: (_state, i) => meetingSave('patchMeeting', i, 'none'),
  }),

  // Each replacement renames one item of an unpublished agenda to a name it never had: a real
  // change, so it is written (an unchanged agenda is answered without a write or a new version).
  replaceAgenda: scenario({
    prepare: (bench) => meetingWithAgenda(bench, { startsAt: inDays(7) }),
    request: (_bench, meeting: Meeting, i) => ({
      method: 'PUT', path: `/v1/meetings/${meeting.id}/agenda`, as: staff,
      body: { items: meeting.items.map((id, k) => ({ id, ...agendaItem(k, k === i % agendaSize ? `muutos ${i}` : 0) })) },
      headers: { 'if-match': `"${meeting.version++}"` },
    }),
    expect: 200,
    rawBefore: meetingBefore('replaceAgenda'),
    raw: (_state, i) => meetingSave('replaceAgenda', i, 'none'),
  }),

  // Each request publishes a new meeting's agenda, prepared untimed.
  publishAgenda: scenario({
    prepare: async () => undefined,
    request: async (bench) => {
      const meeting = await meetingWithAgenda(bench, { startsAt: inDays(7) });
      return { method: 'POST', path: `/v1/meetings/${meeting.id}/agenda/publish`, as: staff };
    },
    expect: 200,
    rawBefore: meetingBefore('publishAgenda'),
    raw: (_state, i) => meetingSave('publishAgenda', i, 'version'),
  }),

  listAgendaVersions: scenario({
    prepare: correctedMeeting,
    request: (_bench, meeting: Meeting) => ({ method: 'GET', path: `/v1/meetings/${meeting.id}/agenda/versions?limit=${pageSize}` }),
    expect: 200,
    raw: (meeting: Meeting) => new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `MEETING#${meeting.id}`, ':prefix': 'VERSION#' }, ScanIndexForward: false, Limit: pageSize,
    }),
  }),

  getAgendaVersion: scenario({
    prepare: correctedMeeting,
    request: (_bench, meeting: Meeting) => ({ method: 'GET', path: `/v1/meetings/${meeting.id}/agenda/versions/2` }),
    expect: 200,
    raw: (meeting: Meeting) => new GetCommand({ TableName: tableName(), Key: { pk: `MEETING#${meeting.id}`, sk: `VERSION#${String(2).padStart(10, '0')}` } }),
  }),

  // An imported item: the meeting, then its document's HTML.
  getAgendaItem: scenario({
    prepare: importedMeeting,
    request: (_bench, { id, itemId }) => ({ method: 'GET', path: `/v1/meetings/${id}/items/${itemId}` }),
    expect: 200,
    raw: ({ id }) => new GetCommand({ TableName: tableName(), Key: { pk: `MEETING#${id}`, sk: 'MEETING' } }),
  }),

  // One decision per item: every 50 requests go to a new published meeting of 50 items, made untimed.
  recordDecision: scenario({
    prepare: async () => ({ meetings: new Map<number, Meeting>() }),
    request: async (bench, state: { meetings: Map<number, Meeting> }, i) => {
      const group = Math.floor(i / 50);
      if (!state.meetings.has(group)) state.meetings.set(group, await meetingWithAgenda(bench, { items: 50, publish: true }));
      const meeting = state.meetings.get(group)!;
      return {
        method: 'POST', path: `/v1/meetings/${meeting.id}/items/${meeting.items[i % 50]}/decision`, as: staff, body: decisionBody,
        headers: { 'idempotency-key': `bench-${bench.runId}-decision-${i}` },
      };
    },
    expect: 201,
    rawBefore: meetingBefore('recordDecision'),
    raw: (_state, i) => {
      const at = new Date().toISOString();
      return new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(), ConditionExpression: 'attribute_not_exists(pk)',
              Item: {
                ...benchKey('recordDecision', `decision-${i}`), type: 'bench', ...decisionBody, decidedAt: at, title: agendaItem(0).title,
                implementation: { status: 'planned', progress: 0 }, createdAt: at,
                gsi1pk: 'BENCH#recordDecision', gsi1sk: `${at}#${i}`, gsi2pk: 'BENCH#recordDecision', gsi2sk: `${at}#${i}`,
              },
            },
          },
          {
            Update: {
              TableName: tableName(), Key: benchKey('recordDecision', `meeting-${i}`),
              UpdateExpression: 'SET decisions.#item = :id, version = :next, updatedAt = :at',
              ConditionExpression: 'version = :expected AND attribute_not_exists(decisions.#item)',
              ExpressionAttributeNames: { '#item': 'item-0' },
              ExpressionAttributeValues: { ':id': `decision-${i}`, ':next': i + 1, ':at': at, ':expected': i },
            },
          },
        ],
      });
    },
  }),

  listDecisions: scenario({
    prepare: decidedMeeting,
    request: () => ({ method: 'GET', path: `/v1/decisions?limit=${pageSize}` }),
    expect: 200,
    raw: () => new QueryCommand({
      TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'DECISIONS' }, ScanIndexForward: false, Limit: pageSize,
    }),
  }),

  getDecision: scenario({
    prepare: decidedMeeting,
    request: (_bench, { decisionIds }) => ({ method: 'GET', path: `/v1/decisions/${decisionIds[0]}` }),
    expect: 200,
    raw: ({ decisionIds }) => new GetCommand({ TableName: tableName(), Key: { pk: `DECISION#${decisionIds[0]}`, sk: 'DECISION' } }),
  }),

  // Each request imports the sample meeting as a new Ahjo meeting (201 created): body lookup,
  // document rows, then the meeting with its lookup and published version. (One scenario per
  // route: the unchanged re-import's 200 is not measured here.)
  importAhjoMeeting: scenario({
    prepare: async () => ahjoSample(),
    request: (bench, sample: Record<string, unknown>, i) => ({
      method: 'POST', path: '/v1/imports/ahjo/meetings', as: staff, body: { ...sample, MeetingID: `${sample.MeetingID}-bench-${bench.runId}-${i}` },
    }),
    expect: 201,
    raw: (_state, i) => meetingSave('importAhjoMeeting', i, 'lookup+version', 2),
  }),
};
