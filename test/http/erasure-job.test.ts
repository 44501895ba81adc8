/**
 * Erasure as a job: `DELETE /v1/me` answers once the person is unlinked (tokens refused, the
 * job stored); the job erases the rest page by page, and one cut off between pages resumes
 * after a restart and finishes with nothing left that names the person.
 */
import { afterAll, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { getJob } from '#shared/jobs/repository.ts';
import { runJob } from '#shared/jobs/run.ts';
import { startJobs, type LocalJobs } from '#shared/jobs/local.ts';
import { erasureRef } from '#shared/me/erased.ts';
import type { ErasureState } from '#shared/me/erasure.ts';
import { useLocalApi, type User } from '../support/local.ts';
import { openDraft } from '../support/fixtures.ts';
import { loadComments } from '../support/bulk.ts';
import { scanTable } from '../support/table.ts';

const api = useLocalApi({ events: false }); // thousands of bulk-loaded comments; no event is under test here
let restarted: LocalJobs | undefined;
afterAll(async () => restarted?.stop());

it('erasure of a person with 500 comments (five pages) answers 204 at once; a job cut off between pages resumes after a restart and leaves nothing', async () => {
  // Prepare: their comments, and no runner yet (the job waits, as after a crash)
  const me: User = { sub: 'many-comments-5e2', name: 'Kaisa Kommentoija' };
  const draft = await openDraft(api);
  await loadComments(draft.id, 500, { sub: me.sub, name: me.name!, kind: 'resident' });
  await api.runtime.jobs!.stop();
  // Act: erase; the answer does not wait for 500 comments
  const began = performance.now();
  const res = await api.request('DELETE', '/v1/me', { as: me });
  const seconds = (performance.now() - began) / 1000;
  // Assess: 204 fast, tokens refused at once
  expect(res.status).toBe(204);
  expect(seconds).toBeLessThan(5);
  expect((await api.request('GET', '/v1/me', { as: me })).status).toBe(401);
  // Act: a runner erases three pages and is cut off
  const id = `erasure-${await erasureRef(me.sub)}`;
  let pages = 0;
  expect(await runJob(id, () => ++pages > 3)).toBe('more');
  const job = await getJob<ErasureState>(id);
  expect(job!.state.cursor).toBeDefined();
  expect(JSON.stringify((await scanTable()).filter((i) => i.type === 'comment'))).toContain(me.sub);
  // Act: a restart resumes every unfinished job
  restarted = await startJobs();
  await restarted.idle();
  // Assess: nothing names them, the job (the only item holding the sub) deleted itself
  const stored = await scanTable();
  expect(JSON.stringify(stored)).not.toContain(me.sub);
  expect(JSON.stringify(stored)).not.toContain(me.name);
  expect(stored.filter((i) => i.type === 'job' || i.type === 'jobPointer')).toEqual([]);
  expect(stored.filter((i) => i.type === 'comment' && i.status === 'deleted')).toHaveLength(500);
}, 240_000);
