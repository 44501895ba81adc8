/**
 * Warm latency of one route: its requests through the local HTTP server, interleaved
 * one for one with the raw DynamoDB call of the same shape (taking turns at going first),
 * so both see the same JIT state, garbage, table size and load of the machine. Also reads
 * what each request cost in DynamoDB from the X-DynamoDB-* headers (DB_METER_HEADERS=1).
 */
import { performance } from 'node:perf_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sendRaw, shapeOf } from './raw.ts';
import type { Bench, Scenario } from './scenario.ts';
import { mean, percentile, ratio, round } from './stats.ts';

export interface WarmOptions {
  /** Timed requests per route (at most). */
  requests: number;
  /** Untimed requests first: the function's in-process cold start, JIT. */
  warmup: number;
  /** Wall-clock budget per route after warm-up, untimed preparation included; fewer requests when it runs out. */
  seconds: number;
}

export interface WarmResult {
  n: number;
  p50: number | null;
  p99: number | null;
  raw: { shape: string; n: number; p50: number | null; p99: number | null; capacityUnits: number | null } | null;
  ratioP50: number | null;
  ratioP99: number | null;
  dynamodb: { calls: { min: number; max: number; mean: number | null }; capacityUnits: { min: number; max: number; mean: number | null } } | null;
}

/** Timed requests a route gets even when its time budget has run out. */
const minimumRequests = 20;

/** The next request index of each scenario: unique across warm-up, timed and cold requests. */
const nextIndex = new Map<Scenario, number>();
export const takeIndex = (s: Scenario): number => {
  const i = nextIndex.get(s) ?? 0;
  nextIndex.set(s, i + 1);
  return i;
};

export async function measureWarm(
  bench: Bench, scenario: Scenario, state: unknown, client: DynamoDBDocumentClient, options: WarmOptions,
): Promise<WarmResult> {
  const times: number[] = [];
  const rawTimes: number[] = [];
  const rawUnits: number[] = [];
  const calls: number[] = [];
  const units: number[] = [];
  let shape = '';
  let deadline = Number.POSITIVE_INFINITY;
  const enough = (timed: number) => timed >= options.requests || (timed >= minimumRequests && performance.now() > deadline);
  for (let k = 0; !enough(k - options.warmup); k++) {
    const timed = k >= options.warmup;
    if (k === options.warmup) deadline = performance.now() + options.seconds * 1000;
    const i = takeIndex(scenario);
    // Untimed preparation of both sides first; then the two timed calls, in turn first.
    const request = await scenario.request(bench, state, i);
    for (const before of scenario.rawBefore?.(state, i) ?? []) await sendRaw(client, before);
    const command = scenario.raw?.(state, i);
    const route = async () => {
      const start = performance.now();
      const response = await bench.send(request);
      const took = performance.now() - start;
      if (response.status !== scenario.expect) {
        throw new Error(`${request.method} ${request.path} answered ${response.status}, expected ${scenario.expect}: ${response.body.slice(0, 300)}`);
      }
      if (!timed) return;
      times.push(took);
      const c = response.headers['x-dynamodb-calls'];
      const u = response.headers['x-dynamodb-capacity'];
      if (c !== undefined) calls.push(Number(c));
      if (u !== undefined) units.push(Number(u));
    };
    const raw = async () => {
      if (!command) return;
      shape ||= shapeOf(command);
      const start = performance.now();
      const used = await sendRaw(client, command);
      if (!timed) return;
      rawTimes.push(performance.now() - start);
      rawUnits.push(used);
    };
    if (k % 2 === 0) {
      await route();
      await raw();
    } else {
      await raw();
      await route();
    }
  }
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  const rawP50 = percentile(rawTimes, 50);
  const rawP99 = percentile(rawTimes, 99);
  const range = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs), mean: round(mean(xs), 2) });
  return {
    n: times.length,
    p50: round(p50),
    p99: round(p99),
    raw: scenario.raw ? { shape, n: rawTimes.length, p50: round(rawP50), p99: round(rawP99), capacityUnits: round(mean(rawUnits)) } : null,
    ratioP50: round(ratio(p50, rawP50)),
    ratioP99: round(ratio(p99, rawP99)),
    dynamodb: calls.length > 0 ? { calls: range(calls), capacityUnits: range(units) } : null,
  };
}
