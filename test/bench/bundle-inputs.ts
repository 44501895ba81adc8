/**
 * What makes one Lambda bundle big: builds `functions/<name>.ts` exactly as the bench and
 * CDK do (`esbuildOptions(entry)`), then prints the largest inputs and the bytes by package.
 *   npx tsx test/bench/bundle-inputs.ts mail/digest [how many inputs, default 40]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { functionEntry } from '#infra/bundling.ts';
import { esbuildOptions, projectRoot } from './bundles.ts';

const [name, shown = '40'] = process.argv.slice(2);
if (!name) throw new Error('usage: tsx test/bench/bundle-inputs.ts <function, e.g. mail/digest> [inputs shown]');
const dir = mkdtempSync(join(tmpdir(), 'kv-inputs-'));
try {
  const { metafile } = await build({ ...esbuildOptions(functionEntry(name)), entryPoints: [join(projectRoot, functionEntry(name))], outfile: join(dir, 'out.mjs'), metafile: true });
  const output = Object.values(metafile.outputs)[0]!;
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`${name}: ${kb(output.bytes).trim()}`);
  const inputs = Object.entries(output.inputs).map(([input, { bytesInOutput }]) => ({ input, bytes: bytesInOutput })).sort((a, b) => b.bytes - a.bytes);
  for (const { input, bytes } of inputs.slice(0, Number(shown))) console.log(`${kb(bytes)}  ${input}`);
  const byPackage = new Map<string, number>();
  for (const { input, bytes } of inputs) {
    const from = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.slice(input.lastIndexOf('node_modules/')))?.[1] ?? '(project)';
    byPackage.set(from, (byPackage.get(from) ?? 0) + bytes);
  }
  console.log('\nby package:');
  for (const [from, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${kb(bytes)}  ${from}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
