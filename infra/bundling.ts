/**
 * How every Lambda function is bundled: the CDK stack hands these options to
 * NodejsFunction (local esbuild, never Docker) and the bench builds with the very same
 * ones, so the bytes it reports are the bytes that deploy.
 */
import { resolve } from 'node:path';

/** Node.js major of the Lambda runtime (the newest CDK offers: NODEJS_24_X). */
export const lambdaNodeMajor = 24;

export const lambdaBundling = {
  format: 'esm' as const,
  target: `node${lambdaNodeMajor}`,
  platform: 'node' as const,
  minify: true,
  sourcemap: false,
  /** The SDK is bundled, pinned to what the tests ran, instead of the runtime's copy. */
  externalModules: [] as string[],
  mainFields: ['module', 'main'],
  /** Some CommonJS dependencies call require(); give ESM bundles one. */
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  /** Resolves the `#shared/*`-style subpath imports from package.json. */
  tsconfig: 'tsconfig.json',
  /**
   * Lambda always has its role's credentials in the environment: the SDK's full default
   * credential chain (about 135 KB minified of SSO, INI, IMDS… clients) is swapped for the
   * environment provider. `semver` (the X-Ray SDK's, for two version checks) is swapped
   * for the one comparison it needs. `postcss` (sanitize-html's, for style attributes, which
   * are never allowed) is swapped for a stub, and `htmlparser2` for its `Parser` alone (what sanitize-html uses);
   * `dayjs` (launder's, for date fields sanitize-html never uses) for a stub that throws.
   * The SDK's event-stream codec, which no operation of the bundled clients uses, is swapped for a
   * stub that fails if it is ever loaded. Absolute paths, since esbuild runs in the asset's output folder.
   */
  alias: {
    '@aws-sdk/credential-provider-node': resolve(import.meta.dirname, 'lambda-credentials.ts'),
    semver: resolve(import.meta.dirname, 'lambda-semver.ts'),
    postcss: resolve(import.meta.dirname, 'sanitize-postcss.ts'),
    htmlparser2: resolve(import.meta.dirname, 'sanitize-htmlparser.ts'),
    dayjs: resolve(import.meta.dirname, 'sanitize-dayjs.cjs'),
    '@smithy/core/event-streams': resolve(import.meta.dirname, 'sdk-event-streams.ts'),
  } as Record<string, string>,
};

/** Path of the entry of HTTP function `fn` (as named in the route table). */
export const functionEntry = (fn: string): string => `functions/${fn}.ts`;

/**
 * Functions bundled without Powertools Tracer and the X-Ray SDK under it (about 90 KB with
 * cls-hooked), so that they stay under DESIGN.md's bundle bar: the Ahjo imports, which also
 * carry sanitize-html's parser and HTML entity table (about 75 KB, which they need). One is a
 * staff route, the other a scheduled job. They keep Lambda's active tracing (the invocation's
 * own segment) but have no subsegments per DynamoDB or Ahjo call.
 */
export const untracedFunctions = ['imports/ahjo', 'imports/sync'];

const tracerOff = {
  '@aws-lambda-powertools/tracer': resolve(import.meta.dirname, 'tracer-off'),
} as Record<string, string>;

/** The bundling of the function built from `entry` (e.g. `functions/imports/ahjo.ts`): `lambdaBundling`, without the tracer where named above. */
export const bundlingFor = (entry: string): typeof lambdaBundling =>
  untracedFunctions.some((fn) => functionEntry(fn) === entry)
    ? { ...lambdaBundling, alias: { ...lambdaBundling.alias, ...tracerOff } }
    : lambdaBundling;
