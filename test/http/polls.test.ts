import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi, type User } from '../support/local.ts';
import { inDays, openDraft, residentNo, unpublishedDraft } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

const pollBody = (overrides: Record<string, unknown> = {}) => ({
  question: { fi: 'Mikä reitti rakennetaan ensin?', sv: 'Vilken rutt byggs först?' },
  options: [
    { text: { fi: 'Rantaraitti', sv: 'Strandpromenaden' } },
    { text: { fi: 'Asemanreitti', sv: 'Stationsrutten' } },
    { text: { fi: 'Torin reitti', sv: 'Torgrutten' } },
  ],
  type: 'single',
  resultsVisibility: 'always',
  ...overrides,
});

interface PollSeen {
  id: string;
  options: { id: string }[];
  results: { total: number; options: { id: string; count: number }[] } | null;
}

async function openPoll(overrides: Record<string, unknown> = {}, draft: Record<string, unknown> = {}) {
  const d = await openDraft(api, draft);
  const res = await api.request('POST', `/v1/drafts/${d.id}/polls`, { as: staff, body: pollBody(overrides) });
  if (res.status !== 201) throw new Error(`create poll: ${res.status} ${res.text}`);
  const poll = res.body as PollSeen;
  return { draftId: d.id, pollId: poll.id, options: poll.options.map((o) => o.id), ballot: `/v1/drafts/${d.id}/polls/${poll.id}/ballot` };
}

const vote = (path: string, as: User, optionIds: string[]) => api.request('PUT', path, { as, body: { optionIds } });
const seen = async (draftId: string, pollId: string, as?: User) => (await api.request('GET', `/v1/drafts/${draftId}/polls/${pollId}`, { as })).body as PollSeen;
const counts = (p: PollSeen) => p.results!.options.map((o) => o.count);

describe('creating polls', () => {
  it('staff add a poll with option ids; a section is optional', async () => {
    // Prepare
    const draft = await openDraft(api);
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/polls`, {
      as: staff, body: pollBody({ type: 'multiple', maxChoices: 2, sectionId: draft.sections[1]!.id }),
    });
    // Assess
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ draftId: draft.id, sectionId: draft.sections[1]!.id, type: 'multiple', maxChoices: 2, status: 'open' });
    expect(res.body.options).toHaveLength(3);
    expect(res.body.options[0].id).toMatch(/^[0-9A-Z]{26}$/);
    expect(res.headers.get('location')).toBe(`/v1/drafts/${draft.id}/polls/${res.body.id}`);
    const list = await api.request('GET', `/v1/drafts/${draft.id}/polls`);
    expect(list.body.items.map((p: PollSeen) => p.id)).toEqual([res.body.id]);
  });

  it.each([
    ['maxChoices above the number of options', { type: 'multiple', maxChoices: 4 }, 'invalid-poll'],
    ['maxChoices other than one on a single-choice poll', { type: 'single', maxChoices: 2 }, 'invalid-poll'],
    ['a section the draft does not have', { sectionId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB' }, 'unprocessable'],
  ])('%s is 422', async (_, overrides, problem) => {
    const draft = await openDraft(api);
    const res = await api.request('POST', `/v1/drafts/${draft.id}/polls`, { as: staff, body: pollBody(overrides) });
    expect(res.status, res.text).toBe(422);
    expect(res.body.type).toMatch(new RegExp(`/${problem}$`));
  });

  it('fewer than 2 or more than 20 options is 400', async () => {
    const draft = await openDraft(api);
    const one = await api.request('POST', `/v1/drafts/${draft.id}/polls`, { as: staff, body: pollBody({ options: [{ text: { fi: 'A' } }] }) });
    const many = Array.from({ length: 21 }, (_, i) => ({ text: { fi: `V${i}` } }));
    const tooMany = await api.request('POST', `/v1/drafts/${draft.id}/polls`, { as: staff, body: pollBody({ options: many }) });
    expect([one.status, tooMany.status]).toEqual([400, 400]);
  });

  it('a question or option without a required language is 422 naming it', async () => {
    const draft = await openDraft(api);
    const res = await api.request('POST', `/v1/drafts/${draft.id}/polls`, {
      as: staff, body: pollBody({ options: [{ text: { sv: 'Bara svenska' } }, { text: { fi: 'Suomeksi' } }] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.missing).toEqual([{ path: 'body.options.0.text', languages: ['fi'] }]);
  });

  it('a closed draft takes no new polls', async () => {
    const draft = await openDraft(api);
    await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff });
    const res = await api.request('POST', `/v1/drafts/${draft.id}/polls`, { as: staff, body: pollBody() });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/participation-closed$/);
  });

  it("an unpublished draft's polls are invisible to everyone but staff", async () => {
    const draft = await unpublishedDraft(api);
    const created = await api.request('POST', `/v1/drafts/${draft.id}/polls`, { as: staff, body: pollBody() });
    expect(created.status).toBe(201);
    expect((await api.request('GET', `/v1/drafts/${draft.id}/polls`, { as: resident })).status).toBe(404);
    expect((await api.request('GET', `/v1/drafts/${draft.id}/polls`, { as: staff })).body.items).toHaveLength(1);
    expect((await api.request('PUT', `/v1/drafts/${draft.id}/polls/${created.body.id}/ballot`, { as: resident, body: { optionIds: [created.body.options[0].id] } })).status).toBe(404);
  });
});

describe('ballots', () => {
  it('a resident casts a ballot, reads it back, and replacing it moves the count', async () => {
    // Prepare
    const poll = await openPoll();
    const [a, b] = poll.options;
    // Act
    const first = await vote(poll.ballot, resident, [a!]);
    const mine = await api.request('GET', poll.ballot, { as: resident });
    // Assess
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ pollId: poll.pollId, draftId: poll.draftId, optionIds: [a] });
    expect(mine.body.optionIds).toEqual([a]);
    expect(counts(await seen(poll.draftId, poll.pollId))).toEqual([1, 0, 0]);
    // Act: change of mind
    const second = await vote(poll.ballot, resident, [b!]);
    // Assess
    expect(second.status).toBe(200);
    const after = await seen(poll.draftId, poll.pollId);
    expect(after.results).toEqual({ total: 1, options: [{ id: a, count: 0 }, { id: b, count: 1 }, { id: poll.options[2], count: 0 }] });
    expect((await api.request('GET', poll.ballot, { as: resident })).body.optionIds).toEqual([b]);
  });

  it('repeating the same ballot changes nothing', async () => {
    const poll = await openPoll();
    await vote(poll.ballot, resident, [poll.options[0]!]);
    const again = await vote(poll.ballot, resident, [poll.options[0]!]);
    expect(again.status).toBe(200);
    expect((await seen(poll.draftId, poll.pollId)).results!.total).toBe(1);
  });

  it('without a ballot, reading your own ballot is 404', async () => {
    const poll = await openPoll();
    const res = await api.request('GET', poll.ballot, { as: resident });
    expect(res.status).toBe(404);
  });

  it.each([
    ['an empty ballot', () => [] as string[]],
    ['the same option twice', (o: string[]) => [o[0]!, o[0]!]],
    ['an option of no poll', () => ['01KAP3Z6X5N7V2J8Q4R9T0W1YB']],
    ['more options than maxChoices', (o: string[]) => [o[0]!, o[1]!, o[2]!]],
  ])('%s is 422 and stores nothing', async (_, choose) => {
    const poll = await openPoll({ type: 'multiple', maxChoices: 2 });
    await api.runtime.events?.idle();
    const before = await scanTable();
    const res = await vote(poll.ballot, resident, choose(poll.options));
    expect(res.status, res.text).toBe(422);
    expect(res.body.type).toMatch(/\/invalid-ballot$/);
    expect(res.body.errors.length).toBeGreaterThan(0);
    await api.runtime.events?.idle();
    expect(await scanTable()).toEqual(before);
  });

  it('a single-choice poll takes exactly one option', async () => {
    const poll = await openPoll({ type: 'single' });
    expect((await vote(poll.ballot, resident, poll.options.slice(0, 2))).status).toBe(422);
  });

  it('a multiple-choice ballot counts once in the total and once per chosen option', async () => {
    const poll = await openPoll({ type: 'multiple', maxChoices: 2 });
    await vote(poll.ballot, residentNo(1), [poll.options[0]!, poll.options[2]!]);
    await vote(poll.ballot, residentNo(2), [poll.options[0]!]);
    const p = await seen(poll.draftId, poll.pollId);
    expect(p.results!.total).toBe(2);
    expect(counts(p)).toEqual([2, 0, 1]);
  });

  it('after the draft closes, a ballot is 409 and the counts stand', async () => {
    const poll = await openPoll();
    await vote(poll.ballot, resident, [poll.options[0]!]);
    await api.request('POST', `/v1/drafts/${poll.draftId}/close`, { as: staff });
    const late = await vote(poll.ballot, residentNo(99), [poll.options[1]!]);
    const change = await vote(poll.ballot, resident, [poll.options[1]!]);
    expect([late.status, change.status]).toEqual([409, 409]);
    expect(late.body.type).toMatch(/\/participation-closed$/);
    expect(counts(await seen(poll.draftId, poll.pollId))).toEqual([1, 0, 0]);
  });

  it('a scheduled draft takes no ballots yet', async () => {
    const draft = await unpublishedDraft(api);
    const poll = await api.request('POST', `/v1/drafts/${draft.id}/polls`, { as: staff, body: pollBody() });
    await api.request('POST', `/v1/drafts/${draft.id}/publish`, { as: staff, body: { opensAt: inDays(1), closesAt: inDays(5) } });
    const res = await vote(`/v1/drafts/${draft.id}/polls/${poll.body.id}/ballot`, resident, [poll.body.options[0].id]);
    expect(res.status).toBe(409);
  });
});

describe("polls follow the draft's participation mode", () => {
  it('strong: a ballot needs strong identification', async () => {
    const poll = await openPoll({}, { commenting: 'strong' });
    const weak = await vote(poll.ballot, resident, [poll.options[0]!]);
    expect(weak.status).toBe(403);
    expect(weak.body.type).toMatch(/\/strong-identification-required$/);
    expect((await vote(poll.ballot, { ...resident, strong: true }, [poll.options[0]!])).status).toBe(200);
  });

  it('none: no ballots at all', async () => {
    const poll = await openPoll({}, { commenting: 'none' });
    expect((await vote(poll.ballot, resident, [poll.options[0]!])).status).toBe(409);
  });

  it('anonymous: a ballot still needs a token, so one person has one ballot', async () => {
    const poll = await openPoll({}, { commenting: 'anonymous' });
    const anonymous = await api.request('PUT', poll.ballot, { body: { optionIds: [poll.options[0]!] } });
    expect(anonymous.status).toBe(401);
    expect((await vote(poll.ballot, resident, [poll.options[0]!])).status).toBe(200);
  });
});

describe('results visibility', () => {
  it('always: everyone sees results at once', async () => {
    const poll = await openPoll({ resultsVisibility: 'always' });
    expect((await seen(poll.draftId, poll.pollId)).results).toEqual({ total: 0, options: poll.options.map((id) => ({ id, count: 0 })) });
  });

  it('after-vote: a resident sees results once they have voted; anonymous readers do not', async () => {
    const poll = await openPoll({ resultsVisibility: 'after-vote' });
    expect((await seen(poll.draftId, poll.pollId, resident)).results).toBeNull();
    await vote(poll.ballot, resident, [poll.options[1]!]);
    expect(counts(await seen(poll.draftId, poll.pollId, resident))).toEqual([0, 1, 0]);
    const list = await api.request('GET', `/v1/drafts/${poll.draftId}/polls`, { as: resident });
    expect(list.body.items[0].results.total).toBe(1);
    expect((await seen(poll.draftId, poll.pollId)).results).toBeNull();
    expect((await seen(poll.draftId, poll.pollId, residentNo(2))).results).toBeNull();
    expect((await seen(poll.draftId, poll.pollId, staff)).results!.total).toBe(1);
  });

  it('after-close: nobody but staff sees results until the draft closes, then everyone does', async () => {
    const poll = await openPoll({ resultsVisibility: 'after-close' });
    await vote(poll.ballot, resident, [poll.options[2]!]);
    expect((await seen(poll.draftId, poll.pollId, resident)).results).toBeNull();
    expect((await seen(poll.draftId, poll.pollId, staff)).results!.total).toBe(1);
    await api.request('POST', `/v1/drafts/${poll.draftId}/close`, { as: staff });
    const closed = await seen(poll.draftId, poll.pollId);
    expect(closed).toMatchObject({ status: 'closed' });
    expect(counts(closed)).toEqual([0, 0, 1]);
  });
});

describe('counts are exact under concurrency', () => {
  it('150 distinct residents voting at once give total 150', async () => {
    // Prepare
    const poll = await openPoll({ type: 'multiple', maxChoices: 2 });
    const voters = Array.from({ length: 150 }, (_, i) => residentNo(1000 + i));
    await Promise.all(voters.map((v) => api.token(v)));
    const choice = (i: number) => (i % 3 === 0 ? [poll.options[0]!, poll.options[1]!] : [poll.options[i % 3]!]);
    // Act
    const answers = await Promise.all(voters.map((v, i) => vote(poll.ballot, v, choice(i))));
    // Assess
    expect(answers.filter((r) => r.status !== 200).map((r) => r.text)).toEqual([]);
    const p = await seen(poll.draftId, poll.pollId);
    expect(p.results!.total).toBe(150);
    expect(counts(p)).toEqual([50, 50 + 50, 50]);

    // Act: 75 of them change their ballots at once, while 50 new voters arrive
    const changers = voters.slice(0, 75);
    const newcomers = Array.from({ length: 50 }, (_, i) => residentNo(2000 + i));
    const more = await Promise.all([
      ...changers.map((v) => vote(poll.ballot, v, [poll.options[2]!])),
      ...newcomers.map((v) => vote(poll.ballot, v, [poll.options[0]!])),
    ]);
    // Assess: each changed ballot moved its counts, nothing was lost or doubled
    expect(more.filter((r) => r.status !== 200).map((r) => r.text)).toEqual([]);
    const expected = [0, 0, 0];
    const finalChoice = (i: number) => (i < 75 ? [2] : i % 3 === 0 ? [0, 1] : [i % 3]);
    voters.forEach((_, i) => finalChoice(i).forEach((o) => (expected[o]! += 1)));
    expected[0]! += 50;
    const after = await seen(poll.draftId, poll.pollId);
    expect(after.results!.total).toBe(200);
    expect(counts(after)).toEqual(expected);
  }, 180_000);

  it("one resident's simultaneous ballots leave exactly one ballot", async () => {
    const poll = await openPoll();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => vote(poll.ballot, resident, [poll.options[i % 3]!])));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const p = await seen(poll.draftId, poll.pollId);
    expect(p.results!.total).toBe(1);
    const mine = (await api.request('GET', poll.ballot, { as: resident })).body.optionIds as string[];
    expect(p.results!.options.find((o) => o.id === mine[0])!.count).toBe(1);
    expect(counts(p).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
