import { buildBundle } from './bundles.ts';
import { functionEntry } from '#infra/bundling.ts';
for (const fn of process.argv.slice(2)) {
  const b = await buildBundle(fn, functionEntry(fn), '/tmp/bundles-out');
  console.log(fn, (b.bytes/1024).toFixed(1), JSON.stringify(b.contents.slice(0, 14).map((c) => [c.from, +(c.bytes/1024).toFixed(1)])));
}
