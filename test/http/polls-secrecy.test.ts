/**
 * Ballots are secret: after residents vote, change their minds and the poll closes, no
 * response, export, event, log line or stored item holds any voter's id. Only the voter
 * can read their own ballot.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bus, useBus, type BusEntry } from '#shared/events/bus.ts';
import { logger } from '#shared/observability.ts';
import { staff, useLocalApi, type User } from '../support/local.ts';
import { openDraft } from '../support/fixtures.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi();

// Distinctive ids, so any trace of them is unmistakable.
const voters: User[] = Array.from({ length: 12 }, (_, i) => ({ sub: `voter-${randomBytes(6).toString('hex')}-${i}`, name: `Voter ${i}` }));

const published: BusEntry[] = [];
const logged: string[] = [];
let restoreStdout: () => void = () => undefined;

beforeAll(() => {
  // Tap the local bus and the log output for the whole file.
  const local = bus();
  useBus({ put: async (entries) => (published.push(...entries), local.put(entries)) });
  logger.setLogLevel('DEBUG');
  const write = process.stdout.write.bind(process.stdout);
  // Captured, not echoed: DEBUG would flood the test output.
  process.stdout.write = ((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)) as typeof process.stdout.write;
  restoreStdout = () => (process.stdout.write = write);
});
afterAll(() => {
  restoreStdout();
  logger.setLogLevel('ERROR');
});

describe('ballot secrecy', () => {
  it('no response, export, event, log line or stored item links a voter to a ballot', async () => {
    // Prepare: a poll of each visibility on one draft
    const draft = await openDraft(api);
    const polls = [];
    for (const resultsVisibility of ['always', 'after-vote', 'after-close']) {
      const res = await api.request('POST', `/v1/drafts/${draft.id}/polls`, {
        as: staff,
        body: { question: { fi: 'Kysymys' }, options: [{ text: { fi: 'A' } }, { text: { fi: 'B' } }, { text: { fi: 'C' } }], type: 'multiple', resultsVisibility },
      });
      polls.push(res.body as { id: string; options: { id: string }[] });
    }
    const texts: string[] = [];
    const keep = (res: { text: string }) => texts.push(res.text);

    // Act: everyone votes in every poll, half of them change their minds, everyone reads
    for (const poll of polls) {
      const path = `/v1/drafts/${draft.id}/polls/${poll.id}`;
      await Promise.all(voters.map(async (v, i) => keep(await api.request('PUT', `${path}/ballot`, { as: v, body: { optionIds: [poll.options[i % 3]!.id] } }))));
      await Promise.all(voters.slice(0, 6).map(async (v) => keep(await api.request('PUT', `${path}/ballot`, { as: v, body: { optionIds: [poll.options[2]!.id, poll.options[0]!.id] } }))));
      for (const v of voters) {
        keep(await api.request('GET', path, { as: v }));
        keep(await api.request('GET', `${path}/ballot`, { as: v }));
      }
      keep(await api.request('GET', path));
      keep(await api.request('GET', path, { as: staff }));
    }
    for (const as of [undefined, voters[0], staff]) keep(await api.request('GET', `/v1/drafts/${draft.id}/polls`, { as }));
    keep(await api.request('GET', `/v1/drafts/${draft.id}/export?format=json`, { as: staff }));
    keep(await api.request('GET', `/v1/drafts/${draft.id}/export?format=csv`, { as: staff }));
    keep(await api.request('POST', `/v1/drafts/${draft.id}/close`, { as: staff }));
    await api.runtime.events!.idle();
    for (const as of [undefined, voters[1], staff]) keep(await api.request('GET', `/v1/drafts/${draft.id}/polls`, { as }));
    keep(await api.request('GET', `/v1/drafts/${draft.id}/export?format=json`, { as: staff }));

    // Assess: the process ran for real…
    const closed = published.filter((e) => e.detailType === 'PollClosed');
    expect(closed).toHaveLength(3);
    expect(closed.map((e) => (e.detail as { results: { total: number } }).results.total)).toEqual([12, 12, 12]);
    expect(logged.length).toBeGreaterThan(0);
    const stored = JSON.stringify(await scanTable());
    expect(stored).toContain('"type":"ballot"');
    // …and no voter id appears anywhere
    const everything = [...texts, JSON.stringify(published), ...logged, stored].join('\n');
    for (const v of voters) expect(everything.includes(v.sub), `${v.sub} leaked`).toBe(false);
  });
});
