/**
 * Lambda bundles only: stands in for `semver` (see infra/bundling.ts), about 29 KB minified
 * that the X-Ray SDK under Powertools Tracer pulls in for two calls: cls-hooked asks whether
 * Node.js is at least 8, and the AWS SDK v2 patcher (unused here) checks the SDK's version.
 * Both compare plain release versions, which is all this does.
 */

const parts = (version: string): number[] => {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!match) throw new TypeError(`Invalid Version: ${version}`);
  return match.slice(1, 4).map(Number);
};

/** Whether release `a` is at least `b` (`x.y.z`, an optional `v`; pre-release tags are not compared). */
export const gte = (a: string, b: string): boolean => {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
  return true;
};

export default { gte };
