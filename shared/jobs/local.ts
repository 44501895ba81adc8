/**
 * The job runner of the local runtime: the same `runJob` the job function runs in AWS, in
 * this process. Jobs queued while it runs start at once (a few at a time); on start it
 * resumes every unfinished job, so a job cut off by a crash or a restart finishes.
 * Failed runs are retried with backoff, as SQS would redeliver them.
 */
import { runJobsLocally } from '#shared/jobs/queue.ts';
import { outsideWriteScope } from '#shared/data/write-scope.ts';
import { unfinishedJobs } from '#shared/jobs/repository.ts';
import { runJob } from '#shared/jobs/run.ts';

export interface LocalJobs {
  /** Resolves when no job is running or waiting. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Each run stops at a checkpoint after this long and is queued again (as in the job function). */
const sliceMs = 20_000;

export async function startJobs(options: { concurrency?: number; retryMs?: number } = {}): Promise<LocalJobs> {
  const concurrency = options.concurrency ?? 2;
  const waiting: string[] = [];
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  let idlers: (() => void)[] = [];

  const pump = () => {
    while (!stopped && running.size < concurrency && waiting.length > 0) {
      const id = waiting.shift()!;
      if (running.has(id)) continue;
      running.set(id, run(id, 0).finally(() => {
        running.delete(id);
        pump();
      }));
    }
    if (running.size === 0 && waiting.length === 0) for (const done of idlers.splice(0)) done();
  };
  const run = async (id: string, failures: number): Promise<void> => {
    try {
      const until = Date.now() + sliceMs;
      if ((await runJob(id, () => stopped || Date.now() > until)) === 'more' && !stopped) waiting.push(id);
    } catch {
      if (stopped || failures >= 8) return; // left unfinished: the next start resumes it
      await new Promise((resolve) => setTimeout(resolve, (options.retryMs ?? 200) * 2 ** failures));
      if (!stopped) return run(id, failures + 1);
    }
  };
  const add = (id: string) => {
    if (stopped) return;
    if (!waiting.includes(id)) waiting.push(id);
    pump();
  };

  runJobsLocally((id) => outsideWriteScope(() => add(id)));
  for (const id of await unfinishedJobs()) add(id);
  return {
    idle: () => new Promise<void>((resolve) => {
      if (running.size === 0 && waiting.length === 0) resolve();
      else idlers.push(resolve);
    }),
    async stop() {
      stopped = true;
      runJobsLocally(undefined);
      waiting.length = 0;
      await Promise.allSettled([...running.values()]);
      idlers.splice(0).forEach((done) => done());
      idlers = [];
    },
  };
}
