import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { staff, useLocalApi } from '../support/local.ts';
import { openDraft } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(new URL(`../../../shared/fixtures/ahjo/${name}`, import.meta.url), 'utf8'));
const record = (): Record<string, any> => ({ ...fixture('decision-record.json'), VoteResults: fixture('decision-vote-results.json') });
const hostileHtml = '<html><head><title>x</title></head><body><div class="paatos" onmouseover="steal()" style="color:red">'
  + '<h1 class="AsiaOtsikko">Aloite</h1><script>steal()</script><p>Päätös: <a href="javascript:steal()">linkki</a></p>'
  + '<img src="x" onerror="steal()"><div class="DnroTmuoto">HEL 2025-001216</div></div></body></html>';

/** The meeting the decision record names (MeetingID 0040020254, agenda point 13), as Ahjo would return it. */
const meeting = () => {
  const base = fixture('meetings-sample.json').meetings[0];
  return {
    ...base, MeetingID: '0040020254', MeetingSequenceNumber: 4, DateMeeting: '2025-01-27T16:00:00.000', Name: 'Kaupunginhallitus 4/2025',
    Agenda: [{ ...base.Agenda[1], AgendaPoint: '13', Section: '13 §', AgendaItem: 'Valtuutettu Putte Possun aloite', HTML: hostileHtml }],
  };
};

const importDecision = (body: unknown) => api.request('POST', '/v1/imports/ahjo/decisions', { as: staff, body });
const decisionItems = async () => (await scanTable()).filter((i) => String(i.pk).startsWith('DECISION#') || String(i.pk).startsWith('DRAFT#'));

let meetingId: string;
let itemId: string;
let draftId: string;

beforeAll(async () => {
  const imported = await api.request('POST', '/v1/imports/ahjo/meetings', { as: staff, body: meeting() });
  expect(imported.status, imported.text).toBe(201);
  meetingId = imported.body.meeting.id;
  itemId = imported.body.meeting.agenda.items[0].id;
  // Staff link the draft the matter was prepared in to the imported agenda item.
  draftId = (await openDraft(api)).id;
  const agenda = await api.request('PUT', `/v1/meetings/${meetingId}/agenda`, {
    as: staff,
    body: { items: [{ id: itemId, title: { fi: 'Valtuutettu Putte Possun aloite' }, draftId, caseId: imported.body.meeting.agenda.items[0].caseId }], changelog: { fi: 'Valmistelu liitetty', sv: 'Beredningen bifogad' } },
    headers: { 'if-match': `"${imported.body.meeting.version}"` },
  });
  expect(agenda.status, agenda.text).toBe(200);
});

describe('Ahjo HTML', () => {
  it('comes back without scripts, handlers, styles or javascript: links', async () => {
    const detail = await api.request('GET', `/v1/meetings/${meetingId}/items/${itemId}`);
    const html = detail.body.documents[0].html as string;
    expect(html).toContain('<h1 class="AsiaOtsikko">Aloite</h1>');
    expect(html).not.toMatch(/script|onmouseover|onerror|style=|javascript:|<img|<title/i);
    expect(detail.body.caseId).toBe('HEL-2025-001216');
  });
});

describe('importing a decision from Ahjo', () => {
  it('lands on its agenda item with 5 member votes (3 for, 2 against) and the totals; the linked draft becomes decided', async () => {
    // Act
    const res = await importDecision(record());
    // Assess
    expect(res.status, res.text).toBe(201);
    expect(res.body.outcome).toBe('created');
    const decision = (await api.request('GET', `/v1/decisions/${res.body.decision.id}`)).body;
    expect(decision).toMatchObject({
      meetingId, itemId, draftId, outcome: 'approved', decidedAt: '2025-01-27T00:00:00.000Z',
      text: { fi: 'Valtuutettu Putte Possun aloite syrjinnän vastaisen verkoston perustamisesta' },
      source: { system: 'ahjo', id: '{AABBCC44-XX69-YYF6-ZZ69-FF61D9EFDDDB}' },
    });
    const members = decision.votes.members as { name: string; group: string; vote: string }[];
    expect(members).toHaveLength(5);
    expect(members.filter((m) => m.vote === 'for')).toHaveLength(3);
    expect(members.filter((m) => m.vote === 'against')).toEqual([
      { name: 'Aaa, Bbb', group: 'Perussuomalaisten valtuustoryhmä', vote: 'against' },
      { name: 'Ccc, Ddd', group: 'Perussuomalaisten valtuustoryhmä', vote: 'against' },
    ]);
    // Ahjo's NumberOfVotes are the totals; it names only some of the 11 ayes.
    expect(decision.votes).toMatchObject({ for: 11, against: 2, abstain: 0, absent: 0 });
    expect(res.body.warnings).toEqual([{ path: 'VoteResults.Ayes.NumberOfVotes', message: '11 votes, 3 of them named' }]);
    const draft = (await api.request('GET', `/v1/drafts/${draftId}`)).body;
    expect(draft).toMatchObject({ status: 'decided', decisionId: decision.id });
  });

  it('publishes the personal-data document as metadata and link only, and nothing of who drafted it', async () => {
    const decision = (await importDecision(record())).body.decision;
    expect(decision.documents).toEqual([{
      title: 'Valtuutettu Putte Possun aloite syrjinnän vastaisen verkoston perustamisesta', type: 'päätös', language: 'fi',
      url: 'https://example.com/test-file.pdf', issuedAt: '2025-01-31T00:00:00.000Z', personalData: true,
    }]);
    const stored = JSON.stringify(await decisionItems());
    expect(stored).not.toMatch(/john\.doe@hel\.fi|PAKARRO|hallintosuunnittelija/);
  });

  it('importing it again duplicates nothing and changes nothing', async () => {
    const before = await decisionItems();
    const res = await importDecision(record());
    expect(res.status, res.text).toBe(200);
    expect(res.body.outcome).toBe('unchanged');
    expect(await decisionItems()).toEqual(before);
    const decisions = await api.request('GET', '/v1/decisions?limit=100');
    expect(decisions.body.items.filter((d: { meetingId: string }) => d.meetingId === meetingId)).toHaveLength(1);
  });

  it('a corrected record updates the same decision in place', async () => {
    const corrected = record();
    corrected.VoteResults.Noes.Voters.pop();
    corrected.VoteResults.Noes.NumberOfVotes = 1;
    corrected.Content = '<div><p onclick="x()">Kaupunginhallitus päätti perustaa verkoston.</p><script>x()</script></div>';
    corrected.PersonalData = 'Ei sisällä henkilötietoja';
    const res = await importDecision(corrected);
    expect(res.status, res.text).toBe(200);
    expect(res.body.outcome).toBe('updated');
    expect(res.body.decision).toMatchObject({ text: { fi: 'Kaupunginhallitus päätti perustaa verkoston.' }, votes: { for: 11, against: 1 } });
    expect(res.body.decision.votes.members).toHaveLength(4);
    expect((await decisionItems()).filter((i) => i.type === 'decision')).toHaveLength(1);
  });

  it('a record naming a meeting or agenda point not imported here is 422 and stores nothing', async () => {
    const before = await scanTable();
    const unknownMeeting = await importDecision({ ...record(), MeetingID: '0040020299' });
    const unknownPoint = await importDecision({ ...record(), AgendaPoint: '99' });
    const noPoint = await importDecision({ ...record(), AgendaPoint: null });
    for (const [res, path] of [[unknownMeeting, 'MeetingID'], [unknownPoint, 'AgendaPoint'], [noPoint, 'AgendaPoint']] as const) {
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors[0].path).toBe(path);
    }
    expect(await scanTable()).toEqual(before);
  });
});
