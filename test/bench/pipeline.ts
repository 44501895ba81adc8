/**
 * Event pipeline delay: from a write until its effect is visible to a reader (e.g. a
 * notification after a decision is published: write -> stream -> publisher -> EventBridge
 * -> consumer -> read). Each probe makes one write and polls a read until it shows it.
 * Add probes to `pipelineProbes` once the local stream pump and the consumers exist.
 */
import { performance } from 'node:perf_hooks';
import type { Bench } from './scenario.ts';
import { percentile, round } from './stats.ts';
import { followingProbes } from './scenarios/following.ts';

export interface PipelineProbe<S = unknown> {
  name: string;
  prepare(bench: Bench): Promise<S>;
  /** The write that starts the pipeline; the delay is counted from just before it. */
  write(bench: Bench, state: S, i: number): Promise<void>;
  /** True once the effect of write `i` can be read. */
  visible(bench: Bench, state: S, i: number): Promise<boolean>;
}

export const pipelineProbes: PipelineProbe[] = [...followingProbes];

export interface PipelineResult {
  name: string;
  runs?: number;
  p50?: number | null;
  max?: number | null;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measurePipeline(bench: Bench, probe: PipelineProbe, runs: number, timeoutMs = 15_000): Promise<PipelineResult> {
  try {
    const state = await probe.prepare(bench);
    const delays: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await probe.write(bench, state, i);
      while (!(await probe.visible(bench, state, i))) {
        if (performance.now() - start > timeoutMs) throw new Error(`write ${i} not visible within ${timeoutMs} ms`);
        await sleep(10);
      }
      delays.push(performance.now() - start);
    }
    return { name: probe.name, runs, p50: round(percentile(delays, 50), 1), max: round(Math.max(...delays), 1) };
  } catch (error) {
    return { name: probe.name, error: (error as Error).message };
  }
}
