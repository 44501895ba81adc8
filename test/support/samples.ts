/**
 * A valid request for every route, built from the ids of prepared data: the bad-input tests
 * turn these into hostile requests, the authorization matrix sends them. A route with a body
 * and no sample here fails those tests — add yours when you add a route.
 */
import { readFileSync } from 'node:fs';
import { newId } from '#shared/ids.ts';
import type { Route } from '#shared/http/route.ts';
import { resident, staff, type TestApi, type User } from './local.ts';
import { draftBody, inDays, openDraft, postComment } from './fixtures.ts';

/** Ids of what `prepare()` created; capabilities add their own names. */
export interface Prepared {
  draftId: string;
  sectionId: string;
  /** A root comment on the draft, written by `resident`. */
  commentId: string;
  [name: string]: string;
}

/** A valid body for the route, by operationId. */
export const samples: Record<string, (p: Prepared) => unknown> = {
  localToken: () => ({ sub: 'sample-user', name: 'Sample', groups: ['staff'], strong: true }),
  createDraft: () => draftBody({ commenting: 'strong', tags: ['liikenne'] }),
  patchDraft: () => ({ tags: ['liikenne'], summary: { fi: 'Uusi tiivistelmä', sv: 'Ny sammanfattning' }, changelog: { fi: 'Tiivistelmä', sv: 'Sammanfattning' } }),
  publishDraft: () => ({ opensAt: inDays(1), closesAt: inDays(30) }),
  postComment: (p) => ({ body: 'Hyvä ehdotus, mutta pyörätiet puuttuvat.', sectionId: p.sectionId, parentId: p.commentId }),
  editComment: () => ({ body: 'Korjattu kommentti.' }),
  createPoll: (p) => ({
    question: { fi: 'Mikä reitti ensin?', sv: 'Vilken rutt först?' },
    options: [{ text: { fi: 'Rantaraitti', sv: 'Strandpromenaden' } }, { text: { fi: 'Asemanreitti', sv: 'Stationsrutten' } }],
    type: 'multiple', maxChoices: 2, sectionId: p.sectionId, resultsVisibility: 'after-vote',
  }),
  castBallot: (p) => ({ optionIds: [p.optionId ?? newId()] }),
  flagComment: () => ({ reason: 'off-topic', note: 'Ei liity asiaan.' }),
  hideComment: () => ({ reason: 'Loukkaava kielenkäyttö' }),
  restoreComment: () => ({ reason: 'Tarkistettu: asiallinen' }),
  dismissFlags: () => ({ reason: 'Asiallinen kommentti' }),
  markNotificationsRead: () => ({ upTo: new Date().toISOString() }),
  startDraftExport: () => ({ format: 'csv', lang: 'sv' }),
  startMyExport: () => ({ format: 'json' }),
  putPreferences: () => ({ language: 'sv', email: 'off' }),
  unsubscribe: () => ({ 'List-Unsubscribe': 'One-Click' }),
  runDigests: () => ({ frequency: 'daily' }),
  withdrawDraft: () => ({ reason: { fi: 'Suunnitelma valmistellaan uudelleen.', sv: 'Planen bereds på nytt.' } }),
  createPreviewLink: () => ({ expiresInHours: 24 }),
  respondToComment: () => ({ body: { fi: 'Pyörätiet lisätään suunnitelmaan.', sv: 'Cykelbanor läggs till i planen.' } }),
};

/**
 * Path parameters by operationId, when the defaults do not fit: by default `{id}` under
 * `/v1/drafts` is the prepared draft, `{cid}` the prepared comment, anything else a fresh id.
 */
export const sampleParams: Record<string, (p: Prepared) => Record<string, string>> = {};

export const paramNames = (route: Pick<Route, 'path'>): string[] => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

export function paramsFor(route: Route, p: Prepared): Record<string, string> {
  const own = sampleParams[route.operationId]?.(p) ?? {};
  const byDefault = (name: string): string => {
    if (name === 'id' && route.path.startsWith('/v1/drafts/')) return p.draftId;
    if (name === 'cid') return p.commentId;
    return newId();
  };
  return Object.fromEntries(paramNames(route).map((name) => [name, own[name] ?? byDefault(name)]));
}

/** The route's path with `params` filled in (each already a URL path segment, or encoded here). */
export const pathFor = (route: Pick<Route, 'path'>, params: Record<string, string>, encode = true): string =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => (encode ? encodeURIComponent(params[name]!) : params[name]!));

/** Ids that exist nowhere: for requests whose outcome must not depend on data. */
export const freshPrepared = (): Prepared => ({ draftId: newId(), sectionId: newId(), commentId: newId() });

/** Extra preparation steps a capability adds (e.g. a poll on the draft): they return more named ids. */
export const preparations: ((api: TestApi, p: Prepared) => Promise<Record<string, string>>)[] = [];

/** Polls: a poll on the prepared draft (`pollId`, `optionId`), answered by `{pid}` routes. */
preparations.push(async (api, p) => {
  const res = await api.request('POST', `/v1/drafts/${p.draftId}/polls`, { as: staff, body: samples.createPoll!(p) });
  if (res.status !== 201) throw new Error(`create poll: ${res.status} ${res.text}`);
  return { pollId: res.body.id, optionId: res.body.options[0].id };
});
Object.assign(sampleParams, Object.fromEntries(['getPoll', 'castBallot', 'getBallot'].map((op) => [op, (p: Prepared) => (p.pollId ? { pid: p.pollId } : {})])));

/** Meetings: a body (`bodyId`) and a meeting (`meetingId`) whose published agenda has one item (`itemId`), undecided. */
Object.assign(samples, {
  createBody: () => ({ name: { fi: 'Kaupunkiympäristölautakunta', sv: 'Stadsmiljönämnden' }, kind: 'committee' }),
  createMeeting: (p: Prepared) => ({
    bodyId: p.bodyId, startsAt: inDays(10), endsAt: inDays(10.1),
    location: { fi: 'Valtuustosali', sv: 'Fullmäktigesalen' }, title: { fi: 'Kokous 5/2026', sv: 'Sammanträde 5/2026' },
  }),
  patchMeeting: () => ({ location: { fi: 'Kaupungintalo', sv: 'Stadshuset' }, status: 'scheduled' }),
  replaceAgenda: (p: Prepared) => ({
    items: [{
      title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' }, summary: { fi: 'Tiivistelmä', sv: 'Sammanfattning' },
      proposal: { fi: 'Hyväksytään.', sv: 'Godkänns.' }, draftId: p.draftId, caseId: 'HEL-2025-001216',
    }],
    changelog: { fi: 'Korjattu otsikko', sv: 'Rubriken rättad' },
  }),
  recordDecision: () => ({
    outcome: 'approved', text: { fi: 'Hyväksyttiin esityksen mukaisesti.', sv: 'Godkändes enligt förslaget.' },
    votes: { for: 9, against: 3, abstain: 1, absent: 0 }, decidedAt: inDays(-1),
  }),
  importAhjoMeeting: () => ahjoSampleMeeting(),
});
preparations.push(async (api) => {
  const body = await api.request('POST', '/v1/bodies', { as: staff, body: samples.createBody!({} as Prepared) });
  if (body.status !== 201) throw new Error(`create body: ${body.status} ${body.text}`);
  const meeting = await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId: body.body.id, startsAt: inDays(-1) } });
  if (meeting.status !== 201) throw new Error(`create meeting: ${meeting.status} ${meeting.text}`);
  const agenda = await api.request('PUT', `/v1/meetings/${meeting.body.id}/agenda`, {
    as: staff, body: { items: [{ title: { fi: 'Asia', sv: 'Ärende' } }] }, headers: { 'if-match': `"${meeting.body.version}"` },
  });
  if (agenda.status !== 200) throw new Error(`agenda: ${agenda.status} ${agenda.text}`);
  const published = await api.request('POST', `/v1/meetings/${meeting.body.id}/agenda/publish`, { as: staff });
  if (published.status !== 200) throw new Error(`publish agenda: ${published.status} ${published.text}`);
  return { bodyId: body.body.id, meetingId: meeting.body.id, itemId: agenda.body.agenda.items[0].id };
});
const meetingParams = (p: Prepared) => (p.meetingId ? { id: p.meetingId, ...(p.itemId ? { itemId: p.itemId } : {}) } : {});
Object.assign(sampleParams, {
  getBody: (p: Prepared) => (p.bodyId ? { id: p.bodyId } : {}),
  ...Object.fromEntries(['getMeeting', 'patchMeeting', 'replaceAgenda', 'publishAgenda', 'listAgendaVersions', 'getAgendaItem', 'recordDecision']
    .map((op) => [op, meetingParams])),
  getAgendaVersion: (p: Prepared) => (p.meetingId ? { ...meetingParams(p), version: '1' } : {}),
});
/** The first meeting of Ahjo's sample file, as its REST API returns it. */
const ahjoSampleMeeting = (): unknown =>
  (JSON.parse(readFileSync(new URL('../../../shared/fixtures/ahjo/meetings-sample.json', import.meta.url), 'utf8')) as { meetings: unknown[] }).meetings[0];

/** Implementation: a decision (`decisionId`) on a meeting of its own, with one result (`resultId`). */
Object.assign(samples, {
  createResult: () => ({
    title: { fi: 'Rantaraitin pyörätie', sv: 'Cykelbanan längs strandpromenaden' }, description: { fi: 'Yksisuuntaiset pyörätiet', sv: 'Enkelriktade cykelbanor' },
    startDate: '2027-03-01', endDate: '2027-10-31', weight: 2,
  }),
  patchResult: () => ({ status: 'in_progress', progress: 40, note: { fi: 'Urakka alkoi.', sv: 'Entreprenaden har börjat.' } }),
});
preparations.push(async (api, p) => {
  const step = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await api.request(method, path, { as: staff, body, headers });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res;
  };
  const bodyId = p.bodyId ?? (await step('POST', '/v1/bodies', { name: { fi: 'Kaupunginhallitus', sv: 'Stadsstyrelsen' }, kind: 'board' })).body.id;
  const meeting = await step('POST', '/v1/meetings', { bodyId, startsAt: inDays(-2) });
  const agenda = await step('PUT', `/v1/meetings/${meeting.body.id}/agenda`, { items: [{ title: { fi: 'Toteutettava asia', sv: 'Ärende som genomförs' } }] },
    { 'if-match': `"${meeting.body.version}"` });
  await step('POST', `/v1/meetings/${meeting.body.id}/agenda/publish`);
  const decision = await step('POST', `/v1/meetings/${meeting.body.id}/items/${agenda.body.agenda.items[0].id}/decision`, samples.recordDecision!(p));
  const result = await step('POST', `/v1/decisions/${decision.body.id}/results`, samples.createResult!(p));
  return { decisionId: decision.body.id, resultId: result.body.id };
});
const decisionParams = (p: Prepared) => (p.decisionId ? { id: p.decisionId, ...(p.resultId ? { rid: p.resultId } : {}) } : {});
Object.assign(sampleParams, Object.fromEntries(
  ['createResult', 'patchResult', 'listResults', 'getResult', 'listTimeline', 'followDecision', 'unfollowDecision', 'getDecisionSubscription']
    .map((op) => [op, decisionParams]),
));

/** An open draft (registered commenting) with a root comment by `resident`, plus every added preparation. */
export async function prepare(api: TestApi): Promise<Prepared> {
  const draft = await openDraft(api);
  const comment = await postComment(api, draft.id, resident, { sectionId: draft.sections[0]!.id });
  const p: Prepared = { draftId: draft.id, sectionId: draft.sections[0]!.id, commentId: comment.id };
  for (const step of preparations) Object.assign(p, await step(api, p));
  return p;
}

/** Who may call a route: the caller for whom only the request itself can be wrong. */
export const callerFor = (route: Route): User => {
  if (route.access === 'staff') return staff;
  if (route.access === 'moderator') return { sub: 'moderator-1', name: 'Mika Moderator', groups: ['moderator'] };
  return { ...resident, strong: true };
};

/** Ahjo cases and decisions: the fixtures as Ahjo's REST API returns them (the decision's meeting is not imported here: 422). */
const ahjoFixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../shared/fixtures/ahjo/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
Object.assign(samples, {
  importAhjoCase: () => ahjoFixture('case.json'),
  importAhjoDecision: () => ({ ...ahjoFixture('decision-record.json'), VoteResults: ahjoFixture('decision-vote-results.json') }),
});
Object.assign(sampleParams, { getCase: () => ({ caseId: 'HEL-2025-001216' }) });

/** Results by external id: on the prepared decision; the CSV export of its results. */
Object.assign(samples, {
  putResultByExternalId: () => ({
    title: { fi: 'Asemanreitin pyörätie', sv: 'Cykelbanan vid stationen' }, startDate: '2027-04-01', weight: 1, status: 'in_progress', progress: 10,
    note: { fi: 'Suunnittelu alkoi.', sv: 'Planeringen har börjat.' },
  }),
});
Object.assign(sampleParams, {
  putResultByExternalId: (p: Prepared) => ({ ...(p.decisionId ? { id: p.decisionId } : {}), externalId: 'decidim-4711' }),
  exportResults: decisionParams,
});

/** Maps and attachments: a PDF attachment on the prepared draft's section. */
Object.assign(samples, {
  createAttachment: (p: Prepared) => ({
    filename: 'asemakaava.pdf', contentType: 'application/pdf', bytes: 48_213,
    title: { fi: 'Asemakaavakartta', sv: 'Detaljplanekarta' }, sectionId: p.sectionId,
  }),
});
