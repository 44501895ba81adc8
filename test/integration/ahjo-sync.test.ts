import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncAhjo, SyncFailed, type SyncDeps } from '#shared/ahjo/sync.ts';
import { importRecord, loadCheckpoint, saveCheckpoint } from '#shared/ahjo/sync-store.ts';
import { useTable, scanTable } from '../support/table.ts';
import { ahjoServer, type AhjoServer } from '../support/ahjo-server.ts';

useTable();

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../../shared/fixtures/ahjo/${name}`, import.meta.url), 'utf8'));
const sample = fixture('meetings-sample.json').meetings as Record<string, any>[];
/** The meeting the decision record names, as Ahjo lists it among the changed meetings. */
const decisionMeeting = {
  ...sample[0], MeetingID: '0040020254', MeetingSequenceNumber: 4, DateMeeting: '2025-01-27T16:00:00.000',
  Agenda: [{ ...sample[0]!.Agenda[1], AgendaPoint: '13', Section: '13 §' }],
};
const data = {
  meetings: [...sample, decisionMeeting],
  cases: [fixture('case.json'), { Title: 'Ei tunnusta' }],
  decisions: [{ ...fixture('decision-record.json'), VoteResults: fixture('decision-vote-results.json') }],
};

let server: AhjoServer;
beforeAll(async () => {
  server = await ahjoServer(data, { size: 2, failOnce: ['meetings@2'], apiKey: 'test-key' });
});
afterAll(async () => server.stop());

let clock = Date.parse('2026-11-01T08:00:00.000Z');
const deps: SyncDeps = {
  async fetchPage(url) {
    const res = await fetch(url, { headers: { 'api-key': 'test-key' } });
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    return res.json();
  },
  importRecord,
  load: loadCheckpoint,
  save: (c) => saveCheckpoint(c, new Date(clock)),
  now: () => new Date(clock),
};
const imported = async () => (await scanTable()).filter((i) => ['meeting', 'case', 'decision'].includes(String(i.type)));

describe('the scheduled Ahjo sync', () => {
  it('stops at a failing page, keeping what it imported, and the next run resumes at that page', async () => {
    // Act: the second page of meetings fails once
    const failure = await syncAhjo(server.url, 50, deps).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(SyncFailed);
    expect((failure as SyncFailed).report).toMatchObject({ pages: 1, created: 2 });
    expect(await loadCheckpoint()).toEqual({ meetings: { next: expect.stringMatching(/\/meetings\?start=2$/), passStartedAt: '2026-11-01T08:00:00.000Z' } });
    expect((await imported()).filter((i) => i.type === 'meeting')).toHaveLength(2);

    // Act: the next run
    clock += 15 * 60_000;
    server.requests.length = 0;
    const report = await syncAhjo(server.url, 50, deps);
    // Assess: it began where the first stopped, and did everything once
    expect(server.requests[0]).toBe('/ahjorest/v1/meetings?start=2');
    expect(report).toMatchObject({ done: true, created: 5 + 1 + 1, updated: 0 });
    expect(report.rejected).toEqual([{ kind: 'cases', message: expect.stringMatching(/CaseIDLabel/) }]);
    const items = await imported();
    expect(items.filter((i) => i.type === 'meeting')).toHaveLength(7);
    expect(items.filter((i) => i.type === 'case')).toHaveLength(1);
    expect(items.filter((i) => i.type === 'decision')).toEqual([expect.objectContaining({ voteCounts: { for: 11, against: 2, abstain: 0, absent: 0 } })]);
    // A completed pass asks next time only for what changed since that pass began.
    expect(await loadCheckpoint()).toEqual({
      meetings: { since: '2026-11-01T08:00:00.000Z' }, cases: { since: '2026-11-01T08:15:00.000Z' }, decisions: { since: '2026-11-01T08:15:00.000Z' },
    });
  });

  it('a run is bounded; the next picks up where it stopped; nothing is imported twice', async () => {
    const before = await imported();
    server.requests.length = 0;
    const first = await syncAhjo(server.url, 3, deps);
    expect(first).toMatchObject({ done: false, pages: 3, created: 0, updated: 0 });
    expect(server.requests).toEqual([
      '/ahjorest/v1/meetings?changedsince=2026-11-01T08%3A00%3A00.000Z',
      '/ahjorest/v1/meetings?changedsince=2026-11-01T08%3A00%3A00.000Z&start=2',
      '/ahjorest/v1/meetings?changedsince=2026-11-01T08%3A00%3A00.000Z&start=4',
    ]);
    const second = await syncAhjo(server.url, 50, deps);
    expect(second).toMatchObject({ done: true, created: 0, updated: 0, unchanged: 1 + 1 + 1 });
    expect(await imported()).toEqual(before);
  });

  it('never follows a next link to another host (the API key would go with it)', async () => {
    const { readPage } = await import('#shared/ahjo/sync.ts');
    expect(() => readPage('meetings', { meetings: [], links: [{ rel: 'next', href: 'https://evil.example/steal' }] }, `${server.url}/meetings`)).toThrow(/another host/);
  });
});
