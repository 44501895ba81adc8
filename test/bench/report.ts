/** What the bench found: printed as tables, and written as JSON for machines. */
import { scaleReport, type ScaleFindings } from './scale.ts';
import type { JobsResult } from './jobs.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { lambdaBundling, untracedFunctions } from '#infra/bundling.ts';
import { bundleBars, projectRoot, type Bundle, type BundleRow, type BundleSizes } from './bundles.ts';
import type { ColdResult } from './cold.ts';
import type { PipelineResult } from './pipeline.ts';
import type { WarmResult } from './warm.ts';
import { printNotificationScale, type NotificationScale } from './notifications.ts';
import type { DigestScale } from './digests.ts';

export const KB = 1024;

export interface ColdRow {
  name: string;
  invokes?: string;
  cold?: ColdResult;
  ratio?: number | null;
  note?: string;
  error?: string;
}

export interface RouteRow {
  operationId: string;
  method: string;
  path: string;
  fn: string;
  /** `ok`, or why there are no numbers. */
  status: 'ok' | 'no scenario' | 'local only' | 'skipped' | 'error';
  error?: string;
  warm?: WarmResult;
}

/** Errors are cut short in the table; the JSON keeps them whole. */
const short = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').slice(0, 160);
const fmt = (n: number | null | undefined, digits = 2): string => (n === null || n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** A plain text table: numbers right-aligned, text left; a long last cell may overflow. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (c === head.length - 1 ? 0 : (r[c] ?? '').length))));
  const numeric = (s: string) => /^[-\d.,×x% KBms]+$/.test(s) && /\d|^-$/.test(s);
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : numeric(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(head), line(head.map((_, c) => '-'.repeat(widths[c] || 3))), ...rows.map(line)].join('\n');
}

export function bundleTable(rows: BundleRow[], baseline: Bundle): string {
  return table(
    ['function', 'minified', 'gzip', '× baseline', 'largest parts'],
    [
      ['baseline (client-dynamodb GetItem)', kb(baseline.bytes), kb(baseline.gzipBytes), '1.00', parts(baseline)],
      ...rows.map((r) => r.bundle
        ? [r.name, kb(r.bundle.bytes), kb(r.bundle.gzipBytes), fmt(r.ratio), parts(r.bundle)]
        : [r.name, '-', '-', '-', `error: ${short(r.error)}`]),
    ],
  );
}

const parts = (b: Bundle) => b.contents.slice(0, 4).map((c) => `${c.from} ${(c.bytes / KB).toFixed(0)}`).join(', ');

export function coldTable(baseline: ColdRow, rows: ColdRow[]): string {
  const cells = (r: ColdRow) => r.cold
    ? [r.name, r.invokes ?? '', String(r.cold.runs), fmt(r.cold.totalMs, 1), fmt(r.cold.importMs, 1), fmt(r.cold.invokeMs, 1), r.cold.calls === null ? '-' : String(r.cold.calls), fmt(r.ratio), r.note ?? '']
    : [r.name, r.invokes ?? '', '-', '-', '-', '-', '-', '-', r.error ? `error: ${short(r.error)}` : (r.note ?? '')];
  return table(
    ['function', 'first event', 'runs', 'total ms', 'import ms', 'invoke ms', 'calls', '× baseline', 'note'],
    [cells(baseline), ...rows.map(cells)],
  );
}

export function routeTable(rows: RouteRow[]): string {
  return table(
    ['operationId', 'route', 'n', 'p50 ms', 'p99 ms', 'raw call', 'raw p50', 'raw p99', '× p50', '× p99', 'calls', 'CU', 'note'],
    rows.map((r) => {
      const route = `${r.method} ${r.path}`;
      const w = r.warm;
      if (r.status !== 'ok' || !w) return [r.operationId, route, '', '', '', '', '', '', '', '', '', '', r.status === 'error' ? `error: ${short(r.error)}` : r.status];
      const calls = w.dynamodb ? (w.dynamodb.calls.min === w.dynamodb.calls.max ? String(w.dynamodb.calls.min) : `${w.dynamodb.calls.min}-${w.dynamodb.calls.max}`) : '-';
      return [
        r.operationId, route, String(w.n), fmt(w.p50), fmt(w.p99), w.raw?.shape ?? 'none', fmt(w.raw?.p50), fmt(w.raw?.p99),
        fmt(w.ratioP50), fmt(w.ratioP99), calls, fmt(w.dynamodb?.capacityUnits.mean, 1), '',
      ];
    }),
  );
}

export function pipelineTable(results: PipelineResult[]): string {
  if (results.length === 0) return 'no probes yet: add them to pipelineProbes in test/bench/pipeline.ts';
  return table(
    ['probe', 'runs', 'p50 ms', 'max ms', 'note'],
    results.map((r) => [r.name, String(r.runs ?? '-'), fmt(r.p50, 1), fmt(r.max, 1), r.error ? `error: ${short(r.error)}` : '']),
  );
}

export interface Findings {
  sizes: BundleSizes;
  /** Absent when the local system did not run. */
  measured?: { cold: { baseline: ColdRow; rows: ColdRow[] }; routes: RouteRow[]; pipeline: PipelineResult[]; scale?: ScaleFindings; jobs?: JobsResult };
  failure?: string;
  /** Scenarios whose operationId is in no route. */
  orphans: string[];
  /** The notification fan-out at scale (./notifications.ts). */
  notifications?: NotificationScale;
  /** The daily e-mail digest job at scale (./digests.ts). */
  digests?: DigestScale;
  run: { options: Record<string, unknown>; loadAtStart: number[]; tookSeconds: number | null };
}

export function printReport({ sizes, measured, failure, orphans, run, notifications }: Findings, print: (text: string) => void): void {
  if (measured?.scale) for (const line of ['', ...scaleReport(measured.scale)]) print(line);
  const o = run.options;
  const pass = (ok: boolean | undefined) => (ok ? 'PASS' : 'FAIL');
  const load = (l: number[]) => l.map((n) => n.toFixed(1)).join(' ');
  print(`\nmachine: ${availableParallelism()} cores, ${cpus()[0]?.model ?? '?'}; load average (1/5/15 min) at start ${load(run.loadAtStart)}, at end ${load(loadavg())}`);
  print(`\nBundles — esbuild ${lambdaBundling.format}, ${lambdaBundling.target}, minify=${lambdaBundling.minify} (infra/bundling.ts lambdaBundling; without Powertools Tracer: ${untracedFunctions.join(', ')}); KB = 1024 bytes; gzip level 6`);
  print(bundleTable(sizes.rows, sizes.baseline));
  const largest = sizes.largest;
  if (largest) {
    const extra = largest.overBaseline.slice(0, 6).map((c) => `${c.from} +${(c.bytes / KB).toFixed(1)}`).join(', ');
    print(`largest: ${largest.function} ${(largest.bytes / KB).toFixed(1)} KB, ${largest.ratio}× baseline; beyond the baseline (KB): ${extra}`);
    print(`  bar largest ≤ ${bundleBars.maxBytes / KB} KB: ${pass(largest.underMaxBytes)}    bar largest ≤ ${bundleBars.maxRatio}× the DynamoDB client bundled as it comes (${(sizes.stockClient.bytes / KB).toFixed(1)} KB, so ${(sizes.ratioBarBytes / KB).toFixed(1)} KB): ${pass(largest.underMaxRatio)}`);
    const over = sizes.overBars.map((o) => `${o.function} ${(o.bytes / KB).toFixed(1)} KB`).join(', ');
    print(`  over a bar: ${over || 'none'}`);
  }
  if (measured) {
    print(`\nCold start — fresh \`node ${process.version}\` process per run: node start + import bundle + first invocation against DynamoDB Local; median of ${String(o.coldRuns)}`);
    print(coldTable(measured.cold.baseline, measured.cold.rows));
    print(`\nWarm latency — real HTTP to the local server (keep-alive), ≤ ${String(o.requests)} requests or ${String(o.seconds)} s per route after ${String(o.warmup)} warm-up; interleaved with the raw call (document client, same process)`);
    print(routeTable(measured.routes));
    print('\nEvent pipeline delay (write → visible)');
    print(pipelineTable(measured.pipeline));
  } else {
    print(`\nThe local system did not run, so there are no cold, warm or DynamoDB numbers:\n${failure}`);
  }
  if (notifications) printNotificationScale(notifications, print);
  if (orphans.length > 0) print(`\nscenarios for routes not in the table: ${orphans.join(', ')}`);
}

const bundleJson = (b: Bundle) => ({ file: b.file.slice(projectRoot.length + 1), bytes: b.bytes, gzipBytes: b.gzipBytes, contents: b.contents.slice(0, 12) });

/** Writes bench-results/bench.json; returns its path. */
export function writeReport({ sizes, measured, failure, orphans, run, notifications, digests }: Findings, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'bench.json');
  writeFileSync(file, `${JSON.stringify({
    at: new Date().toISOString(),
    machine: {
      node: process.version, platform: `${process.platform}-${process.arch}`, cpu: cpus()[0]?.model, cores: availableParallelism(),
      loadAverage: { atStart: run.loadAtStart, atEnd: loadavg() },
    },
    options: run.options,
    warmVia: 'http',
    bundling: { ...lambdaBundling, untracedFunctions },
    bars: { ...bundleBars, largest: sizes.largest ?? null },
    bundles: {
      baseline: bundleJson(sizes.baseline),
      stockClient: sizes.stockClient,
      overBars: sizes.overBars,
      functions: sizes.rows.map((r) => ({ name: r.name, ratio: r.ratio, error: r.error, ...(r.bundle ? bundleJson(r.bundle) : {}) })),
    },
    coldStart: measured ? { baseline: measured.cold.baseline, functions: measured.cold.rows } : null,
    routes: measured?.routes ?? null,
    pipeline: measured?.pipeline ?? null,
    notifications: notifications ?? null,
    digests: digests ?? null,
    failure: failure ?? null,
    orphanScenarios: orphans,
    tookSeconds: run.tookSeconds,
  }, null, 2)}\n`);
  return file;
}
