import { describe, expect, it } from 'vitest';
import { resident, staff, useLocalApi } from '../support/local.ts';
import { inDays, openDraft, postComment, unpublishedDraft, walk } from '../support/fixtures.ts';
import { scanTable, type Item } from '../support/table.ts';

const api = useLocalApi();

interface Agenda {
  meetingId: string;
  bodyId: string;
  items: { id: string; number: number }[];
}

/** A body's meeting (yesterday) whose agenda lists `items`, published unless told otherwise. */
async function agendaWith(items: Record<string, unknown>[], options: { publish?: boolean; bodyId?: string } = {}): Promise<Agenda> {
  const bodyId = options.bodyId ?? (await api.request('POST', '/v1/bodies', { as: staff, body: { name: { fi: 'Kaupunginhallitus' }, kind: 'board' } })).body.id;
  const meeting = await api.request('POST', '/v1/meetings', { as: staff, body: { bodyId, startsAt: inDays(-1), title: { fi: 'Kokous 7/2026' } } });
  const agenda = await api.request('PUT', `/v1/meetings/${meeting.body.id}/agenda`, { as: staff, body: { items }, headers: { 'if-match': '"1"' } });
  expect(agenda.status, agenda.text).toBe(200);
  if (options.publish !== false) expect((await api.request('POST', `/v1/meetings/${meeting.body.id}/agenda/publish`, { as: staff })).status).toBe(200);
  return { meetingId: meeting.body.id, bodyId, items: agenda.body.agenda.items };
}

/** Meetings, decisions and drafts: not what the event pipeline writes meanwhile (notifications). */
const ours = (items: Item[]) => items.filter((i) => /^(MEETING|DECISION|DRAFT|BODY)#/.test(String(i.pk)));

const decide = (a: Agenda, itemId: string, body: Record<string, unknown> = {}) =>
  api.request('POST', `/v1/meetings/${a.meetingId}/items/${itemId}/decision`, {
    as: staff, body: { outcome: 'approved', text: { fi: 'Hyväksyttiin.', sv: 'Godkändes.' }, ...body },
  });

describe('recording decisions', () => {
  it('a decision on an item linking a draft makes the draft decided, and the chain reads both ways', async () => {
    // Prepare
    const draft = await openDraft(api);
    const a = await agendaWith([{ title: { fi: 'Avaus' } }, { title: { fi: 'Puistosuunnitelma' }, draftId: draft.id, caseId: 'HEL-2025-001216' }]);
    const item = a.items[1]!;
    // Act
    const res = await decide(a, item.id, { outcome: 'amended', votes: { for: 8, against: 5, abstain: 1, absent: 1 } });
    // Assess
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/decisions/${res.body.id}`);
    const decision = (await api.request('GET', `/v1/decisions/${res.body.id}`)).body;
    expect(decision).toMatchObject({
      id: res.body.id, outcome: 'amended', text: { fi: 'Hyväksyttiin.', sv: 'Godkändes.' },
      votes: { for: 8, against: 5, abstain: 1, absent: 1 },
      bodyId: a.bodyId, meetingId: a.meetingId, itemId: item.id, draftId: draft.id, caseId: 'HEL-2025-001216',
      draft: { id: draft.id, title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' } },
      meeting: { id: a.meetingId, title: { fi: 'Kokous 7/2026' } },
      agendaItem: { id: item.id, number: 2, title: { fi: 'Puistosuunnitelma' } },
      links: { draft: `/v1/drafts/${draft.id}`, meeting: `/v1/meetings/${a.meetingId}`, agendaItem: `/v1/meetings/${a.meetingId}/items/${item.id}` },
      implementation: { status: 'planned', progress: 0 },
    });
    // By default a decision is dated at its meeting.
    expect(decision.decidedAt).toBe(decision.meeting.startsAt);
    const decidedDraft = await api.request('GET', `/v1/drafts/${draft.id}`);
    expect(decidedDraft.body).toMatchObject({ status: 'decided', decisionId: res.body.id });
    const meeting = await api.request('GET', `/v1/meetings/${a.meetingId}`);
    expect(meeting.body.agenda.items.map((i: { decisionId: string | null }) => i.decisionId)).toEqual([null, res.body.id]);
    const decidedList = await walk(api, '/v1/drafts?status=decided', 100);
    expect(decidedList.map((d) => d.id)).toContain(draft.id);
  });

  it('a decided draft takes no more comments', async () => {
    const draft = await openDraft(api);
    const a = await agendaWith([{ title: { fi: 'Puistosuunnitelma' }, draftId: draft.id }]);
    expect((await decide(a, a.items[0]!.id)).status).toBe(201);
    const late = await api.request('POST', `/v1/drafts/${draft.id}/comments`, { as: resident, body: { body: 'Vielä ehtii?' } });
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/\/participation-closed$/);
  });

  it('a draft linked while unpublished records the decision but stays out of public lists', async () => {
    const draft = await unpublishedDraft(api);
    const a = await agendaWith([{ title: { fi: 'Valmisteltu asia' }, draftId: draft.id }]);
    const res = await decide(a, a.items[0]!.id);
    expect(res.status, res.text).toBe(201);
    expect((await api.request('GET', `/v1/drafts/${draft.id}`, { as: staff })).body.decisionId).toBe(res.body.id);
    expect((await api.request('GET', `/v1/drafts/${draft.id}`)).status).toBe(404);
  });

  it('one decision per agenda item: the second is a 409 naming the first', async () => {
    const a = await agendaWith([{ title: { fi: 'Asia' } }]);
    const first = await decide(a, a.items[0]!.id);
    const before = ours(await scanTable());
    const second = await decide(a, a.items[0]!.id, { outcome: 'rejected' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ decisionId: first.body.id });
    expect(second.body.type).toMatch(/\/decision-exists$/);
    expect(ours(await scanTable())).toEqual(before);
  });

  it('two decisions on one item at once: exactly one is recorded', async () => {
    const a = await agendaWith([{ title: { fi: 'Asia' } }]);
    const results = await Promise.all(['approved', 'rejected', 'tabled'].map((outcome) => decide(a, a.items[0]!.id, { outcome })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('decisions on different items of one meeting at once are all recorded', async () => {
    const a = await agendaWith(['A', 'B', 'C', 'D', 'E', 'F'].map((fi) => ({ title: { fi } })));
    const results = await Promise.all(a.items.map((i) => decide(a, i.id)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const meeting = await api.request('GET', `/v1/meetings/${a.meetingId}`);
    expect(meeting.body.agenda.items.map((i: { decisionId: string }) => i.decisionId).sort()).toEqual(results.map((r) => r.body.id).sort());
  });

  it('an unpublished agenda takes no decisions (409)', async () => {
    const a = await agendaWith([{ title: { fi: 'Asia' } }], { publish: false });
    const res = await decide(a, a.items[0]!.id);
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/agenda-not-published$/);
  });

  it('a cancelled meeting takes no decisions (409)', async () => {
    const a = await agendaWith([{ title: { fi: 'Asia' } }]);
    const current = await api.request('GET', `/v1/meetings/${a.meetingId}`);
    await api.request('PATCH', `/v1/meetings/${a.meetingId}`, { as: staff, body: { status: 'cancelled' }, headers: { 'if-match': `"${current.body.version}"` } });
    const res = await decide(a, a.items[0]!.id);
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/meeting-cancelled$/);
  });

  it('an item the agenda does not have is a 404', async () => {
    const a = await agendaWith([{ title: { fi: 'Asia' } }]);
    expect((await decide(a, '01KAP5A0B1C2D3E4F5G6H7J8KD')).status).toBe(404);
  });

  it('outcomes and vote counts outside the contract are 400s', async () => {
    const a = await agendaWith([{ title: { fi: 'Asia' } }]);
    const badOutcome = await decide(a, a.items[0]!.id, { outcome: 'postponed' });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.errors[0].path).toBe('body.outcome');
    const badVotes = await decide(a, a.items[0]!.id, { votes: { for: -1, against: 2 } });
    expect(badVotes.status).toBe(400);
    expect(badVotes.body.errors[0].path).toBe('body.votes.for');
  });

  it('a decided item stays on the agenda: dropping it is a 409', async () => {
    const a = await agendaWith([{ title: { fi: 'A' } }, { title: { fi: 'B' } }]);
    await decide(a, a.items[0]!.id);
    const meeting = await api.request('GET', `/v1/meetings/${a.meetingId}`);
    const res = await api.request('PUT', `/v1/meetings/${a.meetingId}/agenda`, {
      as: staff, body: { items: [{ id: a.items[1]!.id, title: { fi: 'B' } }], changelog: { fi: 'A pois' } }, headers: { 'if-match': `"${meeting.body.version}"` },
    });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/agenda-item-decided$/);
  });

  it('recording a decision moves the meeting\'s version on (its ETag changes)', async () => {
    const a = await agendaWith([{ title: { fi: 'A' } }]);
    const before = await api.request('GET', `/v1/meetings/${a.meetingId}`);
    await decide(a, a.items[0]!.id);
    const after = await api.request('GET', `/v1/meetings/${a.meetingId}`);
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.headers.get('etag')).toBe(`"${after.body.version}"`);
  });
});

describe('listing decisions', () => {
  it('newest first, of every body or one body', async () => {
    const board = await agendaWith([{ title: { fi: 'A' } }, { title: { fi: 'B' } }]);
    const committee = await agendaWith([{ title: { fi: 'C' } }]);
    const older = await decide(board, board.items[0]!.id, { decidedAt: '2031-01-01T10:00:00.000Z' });
    const newer = await decide(board, board.items[1]!.id, { decidedAt: '2031-02-01T10:00:00.000Z' });
    const other = await decide(committee, committee.items[0]!.id, { decidedAt: '2031-03-01T10:00:00.000Z' });
    const ofBoard = await walk(api, `/v1/decisions?bodyId=${board.bodyId}`, 1);
    expect(ofBoard.map((d) => d.id)).toEqual([newer.body.id, older.body.id]);
    const all = await walk(api, '/v1/decisions', 100);
    expect(all.slice(0, 3).map((d) => d.id)).toEqual([other.body.id, newer.body.id, older.body.id]);
  });

  it('an unknown decision is a 404', async () => {
    expect((await api.request('GET', '/v1/decisions/01KAP5M0N1P2Q3R4S5T6V7W8X9')).status).toBe(404);
  });
});

describe('comments stay as they were', () => {
  it('comments made before the decision remain readable', async () => {
    const draft = await openDraft(api);
    await postComment(api, draft.id, resident);
    const a = await agendaWith([{ title: { fi: 'Asia' }, draftId: draft.id }]);
    await decide(a, a.items[0]!.id);
    const comments = await api.request('GET', `/v1/drafts/${draft.id}/comments`);
    expect(comments.body.items).toHaveLength(1);
  });
});
