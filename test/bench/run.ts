/**
 * `npm run bench`: what DESIGN.md's "Measured, not promised" asks, in one run — bundle
 * sizes, cold starts, warm latency and DynamoDB cost per route, each against a bare
 * DynamoDB baseline measured in the same run. Prints tables, writes bench-results/bench.json.
 *
 * Options: --requests=200 --seconds=5 (per route) --cold-runs=5 --only=opId,opId (warm routes)
 *          --fanout-commenters=10,100,300 --fanout-followers=10000 (notification fan-out at scale)
 *          --export-comments=100000 --erasure-comments=10000 (jobs; 0 skips them)
 *          --digest-recipients=10000 (the daily e-mail digest job; 0 skips it)
 */
import { eventRules } from '#events/rules.ts';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { httpFunctions, routes } from '#functions/routes.ts';
import { createBench } from './bench.ts';
import { measureBundles, projectRoot, type BundleSizes } from './bundles.ts';
import { coldStarts } from './cold-targets.ts';
import { measurePipeline, pipelineProbes, type PipelineResult } from './pipeline.ts';
import { rawClient } from './raw.ts';
import { printReport, writeReport, type Findings, type RouteRow } from './report.ts';
import type { Bench } from './scenario.ts';
import { scenarios } from './scenarios.ts';
import { measureScale } from './scale.ts';
import { round } from './stats.ts';
import { measureWarm } from './warm.ts';
import { measureNotifications } from './notifications.ts';
import { measureJobs, printJobs } from './jobs.ts';
import { measureDigests, printDigests } from './digests.ts';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '5' },
    'cold-runs': { type: 'string', default: '5' },
    only: { type: 'string' },
    /** Collection sizes of the scale section, e.g. --scale=10,1000; --scale=0 skips it. */
    scale: { type: 'string', default: '10,1000,10000,100000' },
    'fanout-commenters': { type: 'string', default: '10,100,300' },
    'fanout-followers': { type: 'string', default: '10000' },
    'export-comments': { type: 'string', default: '100000' },
    'erasure-comments': { type: 'string', default: '10000' },
    'digest-recipients': { type: 'string', default: '10000' },
  },
});
const bounded = (value: string | undefined, fallback: number, max: number) => Math.min(max, Math.max(1, Number(value) || fallback));
const options = {
  requests: bounded(args.requests, 200, 2000),
  warmup: 10,
  seconds: bounded(args.seconds, 5, 60),
  coldRuns: bounded(args['cold-runs'], 5, 25),
  only: args.only ? new Set(args.only.split(',').map((s) => s.trim())) : undefined,
  fanOut: {
    commenters: String(args['fanout-commenters']).split(',').map((s) => bounded(s, 10, 2000)),
    followers: bounded(args['fanout-followers'], 10_000, 100_000),
    baseFollowers: 10,
  },
  exportComments: Math.min(Number(args['export-comments']) || 0, 1_000_000),
  erasureComments: Math.min(Number(args['erasure-comments']) || 0, 100_000),
  digestRecipients: Math.min(Number(args['digest-recipients']) || 0, 100_000),
};

const outDir = join(projectRoot, 'bench-results');
/** Lambda functions that serve no route of their own. */
// Functions no route names: the authorizer and fallback, and the event pipeline's (events/rules.ts).
const extraFunctions = ['platform/authorizer', 'platform/fallback', 'events/publisher', 'events/close-draft', 'notifications/deliver', ...eventRules.map((r) => r.fn),
  'mail/immediate', 'mail/digest', 'mail/bounces', 'identity/pre-token', 'identity/custom-message', 'imports/sync', 'jobs/run', 'open-data/write'];
const began = performance.now();
const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0)}s] ${message}\n`);

async function warmRoutes(bench: Bench, states: Map<string, unknown>): Promise<RouteRow[]> {
  const client = rawClient();
  const rows: RouteRow[] = [];
  try {
    for (const route of routes) {
      const row: RouteRow = { operationId: route.operationId, method: route.method, path: route.path, fn: route.fn, status: 'ok' };
      rows.push(row);
      const scenario = scenarios[route.operationId];
      if (route.localOnly) row.status = 'local only';
      else if (!scenario) row.status = 'no scenario';
      else if (options.only && !options.only.has(route.operationId)) row.status = 'skipped';
      if (row.status !== 'ok') continue;
      log(`warm ${route.operationId}`);
      try {
        const state = await scenario!.prepare(bench);
        states.set(route.operationId, state);
        row.warm = await measureWarm(bench, scenario!, state, client, options);
      } catch (error) {
        row.status = 'error';
        row.error = (error as Error).message;
      }
    }
  } finally {
    client.destroy();
  }
  return rows;
}

/** Write -> visible delays, with the local event pipeline started only now (it reads from LATEST). */
async function pipelineDelays(bench: Bench, endpoint: string): Promise<PipelineResult[]> {
  if (pipelineProbes.length === 0) return [];
  const { startEvents } = await import('#infra/local/stream.ts');
  const events = await startEvents({ endpoint });
  try {
    const results: PipelineResult[] = [];
    for (const probe of pipelineProbes) {
      log(`pipeline ${probe.name}`);
      results.push(await measurePipeline(bench, probe, 5));
    }
    return results;
  } finally {
    await events.stop();
  }
}

async function measureSystem(sizes: BundleSizes, findings: Findings): Promise<NonNullable<Findings['measured']>> {
  // Imported here so that a module that does not load yet fails this part only.
  const { startLocal } = await import('#infra/local/runtime.ts');
  // Without the in-process event pipeline: its consumers would count their DynamoDB calls
  // in the process-wide meter of whichever request is running (in AWS they are other Lambdas).
  const runtime = await startLocal({ seed: false, port: 0, events: false });
  const bench = createBench(runtime);
  const states = new Map<string, unknown>();
  try {
    const routeRows = await warmRoutes(bench, states);
    // Before the scale section's 100,000 comments: it counts what each comment wrote with table Scans.
    findings.notifications = await measureNotifications(options.fanOut, log);
    const scaleSizes = (args.scale ?? '').split(',').map(Number).filter((n) => n > 0);
    const scale = scaleSizes.length > 0
      ? await measureScale(bench, log, scaleSizes).catch((error: Error) => {
          log(`scale section failed: ${error.stack ?? error.message}`);
          process.exitCode = 1;
          return undefined;
        })
      : undefined;
    log(`cold starts: ${options.coldRuns} runs of each bundle`);
    const cold = await coldStarts(bench, sizes, states, options.coldRuns);
    const pipeline = await pipelineDelays(bench, runtime.endpoint);
    findings.digests = options.digestRecipients > 0 ? await measureDigests(options.digestRecipients, log) : undefined;
    const jobs = options.exportComments > 0 ? await measureJobs(runtime, { exportComments: options.exportComments, erasureComments: options.erasureComments }, log) : undefined;
    return { routes: routeRows, cold, pipeline, scale, jobs };
  } finally {
    bench.close();
    await runtime.stop();
  }
}

async function main() {
  process.env.DB_METER_HEADERS = '1';
  // Loading 100,000 items keeps DynamoDB Local busy: a slow call here is load, not an outage.
  process.env.DYNAMODB_TIMEOUT_MS ??= '30000';
  process.env.AWS_REGION ??= 'eu-north-1';
  // Other work on the machine skews every timing: the report shows how busy it was.
  const loadAtStart = loadavg();
  log('bundling');
  const sizes = await measureBundles([...new Set([...httpFunctions, ...extraFunctions])], join(outDir, 'bundles'));
  log('starting the local system (DynamoDB Local in memory)');
  const findings: Findings = {
    sizes,
    orphans: Object.keys(scenarios).filter((op) => !routes.some((r) => r.operationId === op)),
    run: { options: { ...options, only: options.only ? [...options.only] : undefined }, loadAtStart, tookSeconds: null },
  };
  try {
    findings.measured = await measureSystem(sizes, findings);
  } catch (error) {
    // Bundle sizes stand on their own: report them even when the system cannot run.
    findings.failure = (error as Error).stack ?? String(error);
    process.exitCode = 1;
  }
  findings.run.tookSeconds = round((performance.now() - began) / 1000, 1);
  printReport(findings, (text) => process.stdout.write(`${text}\n`));
  printJobs(findings.measured?.jobs, (text) => process.stdout.write(`${text}\n`));
  printDigests(findings.digests, (text) => process.stdout.write(`${text}\n`));
  log(`wrote ${writeReport(findings, outDir)}`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
