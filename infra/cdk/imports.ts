/**
 * Which function entries import a given module of this project, directly or through
 * others: read from esbuild's own resolution of the imports (packages left out), so the
 * answer is what the bundle will hold, not what a name suggests.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { lambdaBundling } from '#infra/bundling.ts';
import { projectRoot } from '#infra/cdk/function.ts';

const cache = new Map<string, Set<string>>();

/** The project files (relative paths) that `entry` pulls in. */
export function projectInputs(entry: string): Set<string> {
  let inputs = cache.get(entry);
  if (!inputs) {
    const result = buildSync({
      entryPoints: [join(projectRoot, entry)],
      bundle: true, write: false, metafile: true, packages: 'external', outdir: 'out',
      platform: lambdaBundling.platform, format: lambdaBundling.format, target: lambdaBundling.target,
      tsconfig: join(projectRoot, lambdaBundling.tsconfig), absWorkingDir: projectRoot, logLevel: 'silent',
    });
    inputs = new Set(Object.keys(result.metafile.inputs));
    cache.set(entry, inputs);
  }
  return inputs;
}

/** Whether the function built from `entry` reads the deployment secret (shared/secret.ts). */
export const readsSecret = (entry: string): boolean => projectInputs(entry).has('shared/secret.ts');
