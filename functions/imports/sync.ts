/**
 * Lambda (EventBridge Scheduler): pulls meetings, cases and decisions changed in Ahjo since
 * the last checkpoint, at most AHJO_SYNC_MAX_PAGES pages a run. A failed page fails the run
 * (the schedule's retries, then its dead-letter queue); the next run resumes at that page.
 *   AHJO_BASE_URL              e.g. https://ahjo.hel.fi:9802/ahjorest/v1
 *   AHJO_API_KEY_SECRET_ARN    the API key, in Secrets Manager (read through the secrets extension)
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger, traced } from '#shared/observability.ts';
import { secretString } from '#shared/secret.ts';
import { syncAhjo } from '#shared/ahjo/sync.ts';
import { importRecord, loadCheckpoint, saveCheckpoint } from '#shared/ahjo/sync-store.ts';

const pageTimeoutMs = 10_000;

async function run(): Promise<unknown> {
  const baseUrl = process.env.AHJO_BASE_URL;
  if (!baseUrl) throw new Error('AHJO_BASE_URL is not set');
  const arn = process.env.AHJO_API_KEY_SECRET_ARN;
  const apiKey = arn ? await secretString(arn, 'Ahjo API key') : process.env.AHJO_API_KEY;
  const report = await syncAhjo(baseUrl, Number(process.env.AHJO_SYNC_MAX_PAGES ?? 50), {
    async fetchPage(url) {
      const started = Date.now();
      const res = await fetch(url, { headers: { accept: 'application/json', ...(apiKey ? { 'api-key': apiKey } : {}) }, signal: AbortSignal.timeout(pageTimeoutMs) });
      // This function runs without the tracer (infra/bundling.ts): the log is where a slow Ahjo shows.
      logger.info('Ahjo page fetched', { path: new URL(url).pathname, status: res.status, ms: Date.now() - started });
      if (!res.ok) throw new Error(`${new URL(url).pathname} answered ${res.status}`);
      return res.json();
    },
    importRecord,
    load: loadCheckpoint,
    save: (checkpoint) => saveCheckpoint(checkpoint, new Date()),
    now: () => new Date(),
  });
  for (const r of report.rejected) logger.warn('Ahjo record skipped', r);
  logger.info('Ahjo sync run', { ...report, rejected: report.rejected.length });
  return { ...report, rejected: report.rejected.length };
}

export const handler = middy(run).use(injectLambdaContext(logger)).use(traced());
