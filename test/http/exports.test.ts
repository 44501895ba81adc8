import { beforeAll, describe, expect, it } from 'vitest';
import { moderator, resident, staff, useLocalApi } from '../support/local.ts';
import { openDraft, postComment, residentNo } from '../support/fixtures.ts';

const api = useLocalApi();

/** Splits RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

let draftId: string;
let ids: { visible: string; hidden: string; reply: string; formula: string; pollId: string; options: string[] };

beforeAll(async () => {
  // A draft with a discussion (one hidden comment, a reply, a hostile one) and a poll with ballots
  const draft = await openDraft(api, { caseId: 'HEL-2026-000042' });
  draftId = draft.id;
  const visible = await postComment(api, draftId, resident, { body: 'Hyvä, mutta "pyörätiet" puuttuvat.\nToinen rivi.', sectionId: draft.sections[0]!.id });
  const hidden = await postComment(api, draftId, residentNo(2), { body: 'Salainen loukkaus' });
  const reply = await postComment(api, draftId, residentNo(3), { body: 'Samaa mieltä', parentId: visible.id });
  const formula = await postComment(api, draftId, residentNo(4), { body: '=HYPERLINK("http://evil.example","klikkaa")' });
  await api.request('PUT', `/v1/drafts/${draftId}/comments/${visible.id}/vote`, { as: residentNo(5) });
  await api.request('POST', `/v1/drafts/${draftId}/comments/${hidden.id}/hide`, { as: moderator, body: { reason: 'Loukkaava' } });
  const poll = await api.request('POST', `/v1/drafts/${draftId}/polls`, {
    as: staff,
    body: { question: { fi: 'Mikä ensin?', sv: 'Vad först?' }, options: [{ text: { fi: '+Rantaraitti', sv: 'Strand' } }, { text: { fi: 'Asema', sv: 'Station' } }], type: 'single', resultsVisibility: 'after-close' },
  });
  for (const [i, o] of [0, 0, 1].entries()) {
    await api.request('PUT', `/v1/drafts/${draftId}/polls/${poll.body.id}/ballot`, { as: residentNo(10 + i), body: { optionIds: [poll.body.options[o].id] } });
  }
  ids = { visible: visible.id, hidden: hidden.id, reply: reply.id, formula: formula.id, pollId: poll.body.id, options: poll.body.options.map((o: { id: string }) => o.id) };
});

describe('staff export of a draft', () => {
  it('JSON holds every comment with section, votes and status, and poll totals', async () => {
    const res = await api.request('GET', `/v1/drafts/${draftId}/export?format=json`, { as: staff });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.draft).toMatchObject({ id: draftId, caseId: 'HEL-2026-000042', commentCount: 3 });
    const byId = new Map(res.body.comments.map((c: { id: string }) => [c.id, c]));
    expect(byId.size).toBe(4);
    expect(byId.get(ids.visible)).toMatchObject({ votes: 1, status: 'visible', section: { fi: 'Osa 1', sv: 'Del 1' }, author: 'Riikka Resident', replyCount: 1 });
    expect(byId.get(ids.reply)).toMatchObject({ parentId: ids.visible, status: 'visible' });
    expect(byId.get(ids.hidden)).toMatchObject({ status: 'hidden', body: null, author: null, moderation: { reason: 'Loukkaava' } });
    expect(res.body.polls).toEqual([expect.objectContaining({
      id: ids.pollId, total: 3, options: [expect.objectContaining({ id: ids.options[0], count: 2 }), expect.objectContaining({ id: ids.options[1], count: 1 })],
    })]);
    expect(res.text).not.toContain('Salainen loukkaus');
    expect(res.text).not.toMatch(/resident-1\b|"authorSub"|"userPk"/);
  });

  it('CSV is UTF-8 with BOM, one row per comment, poll and option, with formulas neutralised', async () => {
    const res = await api.fetch(`/v1/drafts/${draftId}/export?format=csv&lang=sv`, { headers: { authorization: `Bearer ${await api.token(staff)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="draft-HEL-2026-000042.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['record', 'id', 'parent_id', 'section_id', 'section', 'created_at', 'author', 'status', 'votes', 'text']);
    const byId = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byId.get(ids.visible)).toEqual(expect.arrayContaining(['comment', 'Del 1', 'visible', '1', 'Hyvä, mutta "pyörätiet" puuttuvat.\nToinen rivi.']));
    expect(byId.get(ids.hidden)!.slice(7)).toEqual(['hidden', '0', '']);
    expect(byId.get(ids.formula)![9]).toBe('\'=HYPERLINK("http://evil.example","klikkaa")');
    expect(byId.get(ids.pollId)).toEqual(expect.arrayContaining(['poll', '3', 'Vad först?']));
    expect(byId.get(ids.options[0]!)).toEqual(expect.arrayContaining(['poll-option', ids.pollId, '2', 'Strand']));
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('a text starting with + in the chosen language is neutralised too', async () => {
    const res = await api.request('GET', `/v1/drafts/${draftId}/export?format=csv&lang=fi`, { as: staff });
    expect(res.text).toContain(",'+Rantaraitti");
  });

  it('only staff may export; an unknown draft is 404; an unknown format 400', async () => {
    expect((await api.request('GET', `/v1/drafts/${draftId}/export`, { as: resident })).status).toBe(403);
    expect((await api.request('GET', `/v1/drafts/${draftId}/export`)).status).toBe(401);
    expect((await api.request('GET', '/v1/drafts/01KAP3Z6X5N7V2J8Q4R9T0W1YB/export', { as: staff })).status).toBe(404);
    expect((await api.request('GET', `/v1/drafts/${draftId}/export?format=xlsx`, { as: staff })).status).toBe(400);
  });
});
