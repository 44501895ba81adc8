/**
 * The jobs at scale: a draft export job over 100,000 comments, run in a process of its own
 * (as the job function runs in AWS) under a 96 MB heap limit, with its time, file size and
 * peak heap (the job holds one page and one part, so its heap should not grow with the
 * comment count; compare runs with --export-comments); and the erasure of a person with 10,000 comments (time
 * to 204, time until the job is done). Comments are loaded with the comment repository's
 * own item builder via BatchWrite.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { startJobs } from '#shared/jobs/local.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { loadComments } from '../support/bulk.ts';
import { draftBody, inDays } from '../support/fixtures.ts';

export interface JobsResult {
  exportJob: { comments: number; format: string; loadSeconds: number; seconds: number; bytes: number; heapLimitMB: number; rssBeforeMB: number; peakRssMB: number; peakHeapMB: number; maxRssMB: number };
  erasure: { comments: number; loadSeconds: number; secondsTo204: number; secondsToDone: number };
}

const MB = 1024 * 1024;
/** The job process's heap limit: bounded memory is what lets it finish. */
const heapLimitMB = 96;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

export async function measureJobs(runtime: LocalRuntime, sizes: { exportComments: number; erasureComments: number }, log: (m: string) => void): Promise<JobsResult> {
  const mint = async (sub: string, groups: string[] = []) => (await runtime.identity.mint({ sub, name: sub, groups, strong: false, expiresIn: 3600 })).token;
  const staffToken = await mint('bench-staff', ['staff']);
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${runtime.url}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const draft = (await call('POST', '/v1/drafts', staffToken, draftBody())).body;
  await call('POST', `/v1/drafts/${draft.id}/publish`, staffToken, { closesAt: inDays(14) });

  log(`jobs: loading ${sizes.exportComments} comments (BatchWrite)`);
  let began = performance.now();
  await loadComments(draft.id, sizes.exportComments);
  const loadSeconds = (performance.now() - began) / 1000;

  log(`jobs: export job in a process of its own (heap limit ${heapLimitMB} MB)`);
  await runtime.jobs!.stop(); // the job waits for the child, not for the in-process runner
  began = performance.now();
  const started = await call('POST', `/v1/drafts/${draft.id}/exports`, staffToken, { format: 'csv' });
  const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', `--max-old-space-size=${heapLimitMB}`, 'test/bench/export-child.ts', started.body.id], {
    env: process.env, maxBuffer: MB,
  });
  const seconds = (performance.now() - began) / 1000;
  const memory = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { rssBeforeMB: number; peakRssMB: number; peakHeapMB: number; maxRssMB: number };
  const job = (await call('GET', `/v1/exports/${started.body.id}`, staffToken)).body;
  if (job.status !== 'ready') throw new Error(`export job ended ${job.status}`);
  const jobs = await startJobs();

  const person = `bench-erased-${Date.now()}`;
  log(`jobs: loading ${sizes.erasureComments} comments of one person`);
  began = performance.now();
  await loadComments(draft.id, sizes.erasureComments, { sub: person, name: 'Bench Person', kind: 'resident' });
  const erasureLoad = (performance.now() - began) / 1000;
  const token = await mint(person);
  log('jobs: erasure');
  began = performance.now();
  await call('DELETE', '/v1/me', token);
  const to204 = (performance.now() - began) / 1000;
  await jobs.idle();
  const toDone = (performance.now() - began) / 1000;
  await jobs.stop();

  return {
    exportJob: {
      comments: sizes.exportComments, format: 'csv', loadSeconds: round(loadSeconds, 1), seconds: round(seconds, 1), bytes: job.bytes, heapLimitMB,
      rssBeforeMB: round(memory.rssBeforeMB, 1), peakRssMB: round(memory.peakRssMB, 1), peakHeapMB: round(memory.peakHeapMB, 1), maxRssMB: round(memory.maxRssMB, 1),
    },
    erasure: { comments: sizes.erasureComments, loadSeconds: round(erasureLoad, 1), secondsTo204: round(to204, 3), secondsToDone: round(toDone, 1) },
  };
}

export function printJobs(result: JobsResult | undefined, print: (text: string) => void): void {
  if (!result) return;
  const e = result.exportJob;
  print(`\nJobs (s3rver, DynamoDB Local)`);
  print(`  export job, ${e.comments} comments as ${e.format}, in its own process with a ${e.heapLimitMB} MB heap limit: ${e.seconds} s, ${(e.bytes / MB).toFixed(1)} MB; ` +
    `RSS ${e.rssBeforeMB} -> peak ${e.peakRssMB} MB, heap peak ${e.peakHeapMB} MB`);
  const r = result.erasure;
  print(`  erasure of a person with ${r.comments} comments: 204 after ${r.secondsTo204} s, job done after ${r.secondsToDone} s`);
}
