import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local.ts';

const api = useLocalApi();

describe('GET /v1/open-data', () => {
  it('lists every dataset under CC BY 4.0 with its columns; files appear once the job has written them', async () => {
    const res = await api.request('GET', '/v1/open-data');
    expect(res.status, res.text).toBe(200);
    expect(res.body.license).toEqual({ name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(res.body.items.map((d: { name: string }) => d.name)).toEqual(['decisions', 'decision-votes', 'results', 'timeline', 'meetings', 'agenda-items', 'participation']);
    expect(res.body.items[0].columns).toContain('votesFor');
    for (const d of res.body.items) expect(d).toMatchObject({ files: [], updatedAt: null });
  });
});

describe('the open-data job', () => {
  it('writes every dataset as CSV and JSON Lines with what was just recorded, and names nobody but elected members', async () => {
    // Prepare: a decided draft with a comment and a result
    const { openDraft, postComment, recordedDecision } = await import('../support/fixtures.ts');
    const { staff } = await import('../support/local.ts');
    const draft = await openDraft(api);
    await postComment(api, draft.id, { sub: 'od-resident', name: 'Olli Opendata' }, { body: 'Tärkeä asia' });
    const { decisionId } = await recordedDecision(api, { draftId: draft.id });
    await api.request('POST', `/v1/decisions/${decisionId}/results`, { as: staff, body: { title: { fi: 'Puisto rakennetaan' } } });
    // Act
    const run = await api.request('POST', '/local/open-data/run');
    // Assess
    expect(run.status, run.text).toBe(200);
    const listed = (await api.request('GET', '/v1/open-data')).body.items as { name: string; files: { format: string; url: string; bytes: number }[] }[];
    for (const d of listed) expect(d.files.map((f) => f.format), d.name).toEqual(['csv', 'jsonl']);
    const file = async (name: string, format: string) => {
      const f = listed.find((d) => d.name === name)!.files.find((x) => x.format === format)!;
      const res = await fetch(f.url);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(f.bytes);
      return bytes.toString('utf8');
    };
    expect(await file('decisions', 'csv')).toContain(decisionId);
    expect(await file('results', 'jsonl')).toContain('Puisto rakennetaan');
    const participation = (await file('participation', 'jsonl')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { draftId: string; comments: number; participants: number });
    expect(participation.find((p) => p.draftId === draft.id)).toMatchObject({ comments: 1, participants: 1 });
    for (const name of ['participation', 'decisions', 'results']) expect(await file(name, 'csv')).not.toContain('Olli');
  });
});
