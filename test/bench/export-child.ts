/**
 * Runs one stored job to its end in a process of its own, as the job function does in AWS,
 * and prints its peak memory as JSON. The bench starts it with a small heap limit
 * (`--max-old-space-size`): an export that held its rows in memory could not finish there.
 * Usage: node --import tsx --max-old-space-size=96 test/bench/export-child.ts JOB_ID
 */
import { runJob } from '#shared/jobs/run.ts';

const id = process.argv[2];
if (!id) throw new Error('usage: export-child.ts JOB_ID');
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 25);
const started = process.memoryUsage().rss;
while ((await runJob(id, () => false)) === 'more');
clearInterval(sampler);
process.stdout.write(`${JSON.stringify({ rssBeforeMB: started / 2 ** 20, peakRssMB: peakRss / 2 ** 20, peakHeapMB: peakHeap / 2 ** 20, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
