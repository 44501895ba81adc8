/**
 * The demo data tells a true story, as a new user tries it: the seeded runtime's decided draft
 * was open for weeks and decided after it closed, past meetings say they were held, Ahjo's
 * meetings land on the seeded bodies, and one case runs from draft to decision to results.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '#infra/local/dynamodb.ts';
import { startLocal, type LocalRuntime } from '#infra/local/runtime.ts';

let runtime: LocalRuntime;
let token: string;
const get = async (path: string) => {
  const res = await fetch(`${runtime.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() as any };
};
const days = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;

beforeAll(async () => {
  await ensureTable(process.env.DYNAMODB_ENDPOINT!, process.env.TABLE_NAME!);
  runtime = await startLocal({ endpoint: process.env.DYNAMODB_ENDPOINT, tableName: process.env.TABLE_NAME, port: 0, seed: true });
  token = (await runtime.identity.mint({ sub: 'story-staff', name: 'Story', groups: ['staff'], strong: false, expiresIn: 600 })).token;
  await runtime.events!.idle();
}, 120_000);
afterAll(async () => runtime?.stop());

describe('the seeded library plan', () => {
  it('was open for comments for weeks and decided after it closed', async () => {
    const decisions = (await get('/v1/decisions?limit=100')).body.items;
    const decision = decisions.find((d: { caseId: string | null }) => d.caseId === 'HEL 2026-000198');
    const draft = (await get(`/v1/drafts/${decision.draftId}`)).body;
    expect(draft.status).toBe('decided');
    expect(days(draft.closesAt) - days(draft.opensAt)).toBeGreaterThan(30);
    expect(days(draft.closesAt)).toBeLessThan(days(decision.decidedAt));
    expect(days(decision.decidedAt)).toBeLessThan(0);
  });

  it('is one case from draft to decision to results, in time order', async () => {
    const res = await get('/v1/cases/HEL-2026-000198');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'Ratkaistu', title: { fi: 'Kirjastoverkkosuunnitelma 2027–2035' } });
    expect(res.body.handlings).toHaveLength(2);
    expect(res.body.related.map((r: { kind: string }) => r.kind)).toEqual(['draft', 'agendaItem', 'decision']);
    const decision = res.body.related[2];
    const results = (await get(`/v1/decisions/${decision.id}/results`)).body.items;
    expect(results.map((r: { externalId: string }) => r.externalId)).toEqual(['KIRJ-2027-01', 'KIRJ-2027-01a', 'KIRJ-2027-01b', 'KIRJ-2027-02']);
  });
});

describe('meetings', () => {
  it('that have started say held, later ones scheduled', async () => {
    const meetings = (await get('/v1/meetings?limit=100')).body.items as { startsAt: string; status: string }[];
    expect(meetings.length).toBeGreaterThan(2);
    for (const m of meetings) expect(m.status).toBe(days(m.startsAt) < 0 ? 'held' : 'scheduled');
  });

  it('imported from Ahjo land on the seeded Kaupunginhallitus, not a second one', async () => {
    const sample = JSON.parse(readFileSync(new URL('../../../shared/fixtures/ahjo/meetings-sample.json', import.meta.url), 'utf8')).meetings[0];
    const res = await fetch(`${runtime.url}/v1/imports/ahjo/meetings`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(sample),
    });
    expect(res.status).toBe(201);
    const bodies = (await get('/v1/bodies?limit=100')).body.items as { id: string; name: Record<string, string> }[];
    const boards = bodies.filter((b) => b.name.fi === 'Kaupunginhallitus');
    expect(boards).toHaveLength(1);
    expect(boards[0]!.name).toEqual({ fi: 'Kaupunginhallitus', sv: 'Stadsstyrelsen' });
    expect(((await res.json()) as { meeting: { bodyId: string; status: string } }).meeting).toMatchObject({ bodyId: boards[0]!.id, status: 'held' });
  });
});
