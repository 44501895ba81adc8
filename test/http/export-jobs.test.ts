/**
 * Export jobs: a draft's export and a resident's own data written to object storage page by
 * page, read back by whoever started the job with a presigned link. Parts are made small
 * here (EXPORT_PART_BYTES) so a 2,500-comment export spans many parts and checkpoints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '#shared/jobs/run.ts';
import { getJob } from '#shared/jobs/repository.ts';
import { startJobs } from '#shared/jobs/local.ts';
import { uploadPart } from '#shared/storage/objects.ts';
import type { ExportState } from '#shared/exports/writer.ts';
import { resident, staff, useLocalApi, type User } from '../support/local.ts';
import { openDraft, postComment } from '../support/fixtures.ts';
import { loadComments } from '../support/bulk.ts';
import { scanTable } from '../support/table.ts';

process.env.EXPORT_PART_BYTES = String(256 * 1024);
const api = useLocalApi({ events: false }); // thousands of bulk-loaded comments; no event is under test here

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

/** Starts a job, waits for the runner, and downloads the file through its link. */
async function exported(path: string, as: User, body?: unknown): Promise<{ text: string; job: Record<string, any> }> {
  const started = await api.request('POST', path, { as, body });
  expect(started.status, started.text).toBe(202);
  expect(started.body.status).toBe('pending');
  await api.runtime.jobs!.idle();
  const job = await api.request('GET', started.headers.get('location')!, { as });
  expect(job.body).toMatchObject({ status: 'ready', bytes: expect.any(Number) });
  const file = await fetch(job.body.url);
  expect(file.status).toBe(200);
  const bytes = Buffer.from(await file.arrayBuffer());
  expect(bytes.length).toBe(job.body.bytes);
  return { text: bytes.toString('utf8'), job: job.body };
}

const hostile = '=HYPERLINK("http://evil.example","klikkaa")';
let draftId: string;
let loaded: string[];

beforeAll(async () => {
  draftId = (await openDraft(api, { caseId: 'HEL-2026-000777' })).id;
  loaded = await loadComments(draftId, 2_500, undefined, (i) => (i === 7 ? hostile : `Kommentti ${i}, "lainaus"\nrivi`));
});

describe('draft export jobs', () => {
  it('a CSV export job delivers every comment exactly once, as UTF-8 with BOM, formulas neutralised', async () => {
    const { text } = await exported(`/v1/drafts/${draftId}/exports`, staff, { format: 'csv' });
    expect(text.startsWith('\uFEFFrecord,id,')).toBe(true);
    const rows = parseCsv(text.slice(1)).slice(1).filter((r) => r[0] === 'comment');
    expect(rows.map((r) => r[1]).sort()).toEqual([...loaded].sort());
    expect(rows.find((r) => r[9]!.includes('HYPERLINK'))![9]).toBe(`'${hostile}`);
    expect(rows.find((r) => r[9] === 'Kommentti 3, "lainaus"\nrivi')).toBeDefined();
  });

  it('a JSON export job delivers every comment exactly once, with the draft and its polls', async () => {
    const { text } = await exported(`/v1/drafts/${draftId}/exports`, staff, { format: 'json' });
    const data = JSON.parse(text);
    expect(data.draft).toMatchObject({ id: draftId, caseId: 'HEL-2026-000777' });
    expect(data.comments.map((c: { id: string }) => c.id).sort()).toEqual([...loaded].sort());
    expect(data.polls).toEqual([]);
  });

  it('the direct export answers 409 export-too-large past 1,000 comments, naming the job route', async () => {
    const res = await api.request('GET', `/v1/drafts/${draftId}/export?format=csv`, { as: staff });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/\/export-too-large$/), exportJob: `/v1/drafts/${draftId}/exports` });
  });

  it('only whoever started a job can read it: another staff member, a resident and an unknown id get 404', async () => {
    const started = await api.request('POST', `/v1/drafts/${draftId}/exports`, { as: staff, body: { format: 'json' } });
    const path = started.headers.get('location')!;
    expect((await api.request('GET', path, { as: { sub: 'staff-2', name: 'Toinen', groups: ['staff'] } })).status).toBe(404);
    expect((await api.request('GET', path, { as: resident })).status).toBe(404);
    expect((await api.request('GET', '/v1/exports/01ARZ3NDEKTSV4RRFFQ69G5FAV', { as: staff })).status).toBe(404);
    expect((await api.request('GET', path)).status).toBe(401);
    await api.runtime.jobs!.idle();
  });

  it('bad requests store no job: malformed, wrong format, unknown field, oversize, unknown draft, wrong role', async () => {
    const before = (await scanTable()).filter((i) => i.type === 'job').length;
    const post = (body: unknown, as: User = staff, id = draftId) => api.request('POST', `/v1/drafts/${id}/exports`, { as, body });
    expect((await post('{"format": "csv"')).status).toBe(400);
    expect((await post({ format: 'xml' })).status).toBe(400);
    expect((await post({ format: 'csv', extra: 1 })).status).toBe(400);
    expect((await post({ format: 'csv', lang: 'x'.repeat(200_000) })).status).toBe(413);
    expect((await post({ format: 'csv' }, staff, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await post({ format: 'csv' }, resident)).status).toBe(403);
    expect((await api.request('POST', '/v1/me/exports', { as: resident, body: { format: 'csv' } })).status).toBe(400);
    expect((await scanTable()).filter((i) => i.type === 'job').length).toBe(before);
  });

  it('a repeat with the same Idempotency-Key answers the same job and starts no other', async () => {
    const send = () => api.request('POST', `/v1/drafts/${draftId}/exports`, { as: staff, body: { format: 'csv' }, headers: { 'idempotency-key': 'export-once' } });
    const [first, second] = [await send(), await send()];
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    await api.runtime.jobs!.idle();
  });
});

describe("a resident's own data as a job", () => {
  const me: User = { sub: 'exporting-person-9c1', name: 'Outi Omadata' };

  it('holds all of their comments, where the direct route says 409 past 1,000', async () => {
    const draft = await openDraft(api);
    await postComment(api, draft.id, me, { body: 'Oma kommentti' });
    const mine = await loadComments(draft.id, 1_200, { sub: me.sub, name: me.name!, kind: 'resident' });
    expect((await api.request('GET', '/v1/me/export', { as: me })).status).toBe(409);
    const { text } = await exported('/v1/me/exports', me, { format: 'json' });
    const data = JSON.parse(text);
    expect(data).toMatchObject({ sub: me.sub, name: me.name, votes: [], flags: [], ballots: [] });
    expect(data.comments).toHaveLength(1_201);
    expect(data.comments.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(mine));
  }, 240_000);

  it('is deleted with its file when the person is erased', async () => {
    // Prepare
    const other: User = { sub: 'exporting-person-erased-4d2', name: 'Eero Erased' };
    const draft = await openDraft(api);
    await postComment(api, draft.id, other, { body: 'Poistuva kommentti' });
    const { job } = await exported('/v1/me/exports', other, { format: 'json' });
    expect((await fetch(job.url)).status).toBe(200);
    // Act
    expect((await api.request('DELETE', '/v1/me', { as: other })).status).toBe(204);
    await api.runtime.jobs!.idle();
    // Assess: the file is gone and nothing in the table names them
    expect((await fetch(job.url)).status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await scanTable())).not.toContain(other.sub);
  });
});

// Last: it replaces the runtime's runner with a new one, as a restart would.
describe('a job interrupted between parts', () => {
  let runner: Awaited<ReturnType<typeof startJobs>> | undefined;
  afterAll(async () => runner?.stop());

  it('resumes from its checkpoint after a restart: a part uploaded but never checkpointed is replaced, no row lost or repeated', async () => {
    // Prepare: no runner, so the job waits; then two parts' worth of work and a crash
    await api.runtime.jobs!.stop();
    process.env.EXPORT_PART_BYTES = String(64 * 1024);
    const started = await api.request('POST', `/v1/drafts/${draftId}/exports`, { as: staff, body: { format: 'csv' } });
    let checkpoints = 0;
    expect(await runJob(started.body.id, () => ++checkpoints >= 2)).toBe('more');
    const job = (await getJob<ExportState>(started.body.id))!;
    expect(job.state.parts).toHaveLength(2);
    // The crashed runner got its third part (garbage) into S3 but died before its checkpoint
    await uploadPart(job.objectKey!, job.state.uploadId!, 3, Buffer.from('comment,GARBAGE\r\n'));
    // Act: a new runner resumes every unfinished job
    runner = await startJobs();
    await runner.idle();
    // Assess
    const ready = await api.request('GET', `/v1/exports/${started.body.id}`, { as: staff });
    const text = await (await fetch(ready.body.url)).text();
    const ids = parseCsv(text.slice(1)).filter((r) => r[0] === 'comment').map((r) => r[1]!);
    expect(ids).not.toContain('GARBAGE');
    expect(ids.sort()).toEqual([...loaded].sort());
  });
});
