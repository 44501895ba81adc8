import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staff, useLocalApi } from '../support/local.ts';
import { openDraft, recordedDecision } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

const fixture = (): Record<string, any> => JSON.parse(readFileSync(new URL('../../../shared/fixtures/ahjo/case.json', import.meta.url), 'utf8'));
const importCase = (record: unknown) => api.request('POST', '/v1/imports/ahjo/cases', { as: staff, body: record });
const caseItems = async () => (await scanTable()).filter((i) => String(i.pk).startsWith('CASE#'));

describe('importing a case from Ahjo', () => {
  it('creates the case under its id in one spelling, with its handlings and documents', async () => {
    // Act
    const res = await importCase(fixture());
    // Assess
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe('/v1/cases/HEL-2025-001216');
    expect(res.body.outcome).toBe('created');
    expect(res.body.case).toMatchObject({
      caseId: 'HEL-2025-001216',
      title: { fi: 'Valtuustoaloite, Haltialan kotieläintilasta eläinsuojelukeskus' },
      status: 'Ratkaistu',
      classification: { code: '00 00 03', title: 'Valtuuston aloitetoiminta' },
      source: { system: 'ahjo', id: 'HEL-2025-001216' },
    });
    expect(res.body.case.handlings.map((h: { sequence: number; status: string }) => [h.sequence, h.status])).toEqual([[1, 'Päättynyt'], [2, 'Päättynyt']]);
    expect(res.body.case.handlings[0].createdAt).toBe('2025-01-23T09:21:17.543Z');
    expect(res.body.case.documents).toHaveLength(fixture().Records.length);
    expect(res.body.case.documents[0]).toEqual({
      title: expect.stringMatching(/^Kaupunkiympäristölautakunnan lausunto/), type: 'esitys', language: 'fi',
      url: 'https://ahjojulkaisu.hel.fi/2D4215DF-7A81-C9A1-B00F-95B2ED200004.pdf', issuedAt: null, publicity: 'Julkinen', personalData: true,
    });
  });

  it('importing it again changes nothing at all', async () => {
    const before = await caseItems();
    const res = await importCase(fixture());
    expect(res.status, res.text).toBe(200);
    expect(res.body.outcome).toBe('unchanged');
    expect(await caseItems()).toEqual(before);
  });

  it('a changed status updates the same case', async () => {
    const changed = { ...fixture(), Status: 'Vireillä', CaseIDLabel: 'HEL-2025-001216' };
    const res = await importCase(changed);
    expect(res.status, res.text).toBe(200);
    expect(res.body.outcome).toBe('updated');
    expect((await caseItems()).filter((i) => i.sk === 'CASE')).toHaveLength(1);
    expect((await importCase(fixture())).body.case.status).toBe('Ratkaistu');
  });

  it('HEL 2025-001216 and HEL-2025-001216 are one case', async () => {
    const spaced = await api.request('GET', '/v1/cases/HEL%202025-001216');
    const dashed = await api.request('GET', '/v1/cases/HEL-2025-001216');
    const lower = await api.request('GET', '/v1/cases/hel-2025-001216');
    expect(spaced.status, spaced.text).toBe(200);
    expect(spaced.body).toEqual(dashed.body);
    expect(lower.body).toEqual(dashed.body);
  });

  it('a record without CaseIDLabel is 422 and stores nothing', async () => {
    const before = await scanTable();
    const { CaseIDLabel: _, ...record }: Record<string, any> = { ...fixture(), CaseID: 'HEL-2099-000001' };
    const res = await importCase(record);
    expect(res.status, res.text).toBe(422);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/ahjo-unmappable$/), errors: [{ path: 'CaseIDLabel', message: expect.any(String) }] });
    expect(await scanTable()).toEqual(before);
    expect((await api.request('GET', '/v1/cases/HEL-2099-000001')).status).toBe(404);
  });

  it('a case id nothing carries is 404; an id that is no case id is 404 too', async () => {
    expect((await api.request('GET', '/v1/cases/HEL-2031-000404')).status).toBe(404);
    expect((await api.request('GET', '/v1/cases/%3Cscript%3E')).status).toBe(404);
  });
});

describe('a case shows what carries its id', () => {
  it('the draft and its decision join the case, in time order', async () => {
    // Prepare: a draft carrying the case id in Ahjo's spelling, then decided on an agenda item carrying it too
    const draft = await openDraft(api, { caseId: 'HEL 2025-001216' });
    const chain = await recordedDecision(api, { draftId: draft.id });
    const meeting = (await api.request('GET', `/v1/meetings/${chain.meetingId}`, { as: staff })).body;
    expect(meeting.agenda.items[0].draftId).toBe(draft.id);
    // Act
    await api.runtime.events!.idle();
    const res = await api.request('GET', '/v1/cases/HEL-2025-001216');
    // Assess
    expect(res.status, res.text).toBe(200);
    const related = res.body.related as { kind: string; id: string; at: string; self: string }[];
    expect(related.map((r) => r.kind).sort()).toEqual(['decision', 'draft']);
    expect(related.find((r) => r.kind === 'draft')).toMatchObject({ id: draft.id, self: `/v1/drafts/${draft.id}` });
    expect(related.find((r) => r.kind === 'decision')).toMatchObject({ id: chain.decisionId, self: `/v1/decisions/${chain.decisionId}` });
    expect([...related].sort((a, b) => a.at.localeCompare(b.at))).toEqual(related);
    expect(res.body.handlings).toHaveLength(2);
  });
});
