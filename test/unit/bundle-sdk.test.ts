/**
 * Lambda bundles swap the SDK's event-stream codec (`@smithy/core/event-streams`) for a stub
 * that fails if loaded (infra/bundling.ts, infra/sdk-event-streams.ts). That is safe only
 * while no operation of any SDK client a function bundles has an event stream: checked here
 * for every client in every function's bundle, operation by operation, with the SDK's own
 * reading of the schemas (S3, which has one, shows the check finds them). And the DynamoDB
 * client, bundled exactly so, still writes and reads.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { NormalizedSchema } from '@smithy/core/schema';
import { lambdaBundling } from '#infra/bundling.ts';
import { esbuildOptions, projectRoot } from '../bench/bundles.ts';
import { useTable } from '../support/table.ts';

useTable();
const dir = mkdtempSync(join(tmpdir(), 'kv-bundle-sdk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every Lambda function's entry: each file under functions/<area>/ but the route tables. */
const entries = readdirSync(join(projectRoot, 'functions'), { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(projectRoot, 'functions', d.name)).filter((f) => f.endsWith('.ts') && f !== 'routes.ts').map((f) => `functions/${d.name}/${f}`));

/** The operations of SDK client `pkg` (e.g. `@aws-sdk/client-dynamodb`) whose input or output has an event stream. */
async function eventStreamOperations(pkg: string): Promise<string[]> {
  const schemas = (await import(`${pkg}/dist-es/schemas/schemas_0.js`)) as Record<string, unknown>;
  const operations = Object.entries(schemas).filter(([, v]) => Array.isArray(v) && v[0] === 9) as [string, unknown[]][];
  expect(operations.length).toBeGreaterThan(0);
  const streams = (s: unknown) => NormalizedSchema.of((typeof s === 'function' ? s() : s) as never).getEventStreamMember() !== '';
  return operations.filter(([, op]) => streams(op[4]) || streams(op[5])).map(([name]) => name.replace(/\$$/, ''));
}

describe('the SDK as bundled for Lambda', () => {
  it('bundles no client with an operation that has an event stream', async () => {
    // Prepare: what every function bundles
    const result = await build({ ...esbuildOptions(), entryPoints: entries.map((e) => join(projectRoot, e)), outdir: join(dir, 'all'), metafile: true, write: false });
    const clients = new Set(Object.keys(result.metafile.inputs).map((i) => /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\//.exec(i)?.[1]).filter((c) => c !== undefined));
    // Act
    const found = await Promise.all([...clients].map(async (c) => [c, await eventStreamOperations(c)] as const));
    // Assess: the clients are there, none streams events; and the check does find S3's
    expect(clients).toContain('@aws-sdk/client-dynamodb');
    expect(found.filter(([, ops]) => ops.length > 0)).toEqual([]);
    expect(await eventStreamOperations('@aws-sdk/client-s3')).toEqual(['SelectObjectContent']);
  });

  it('still writes and reads DynamoDB', async () => {
    // Prepare: the shared document client, bundled with the functions' own options
    const out = join(dir, 'db.mjs');
    const { banner, externalModules: _e, ...options } = lambdaBundling;
    await build({
      ...options, banner: { js: banner }, bundle: true, outfile: out, logLevel: 'silent',
      stdin: { contents: "export { db } from '#shared/data/client.ts'; export { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';", resolveDir: projectRoot, loader: 'ts' },
    });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const m = (await import(pathToFileURL(out).href)) as {
      db: () => { send: (c: unknown) => Promise<{ Item?: Record<string, unknown> }> };
      GetCommand: new (i: object) => unknown; PutCommand: new (i: object) => unknown;
    };
    const TableName = process.env.TABLE_NAME!;
    // Act
    await m.db().send(new m.PutCommand({ TableName, Item: { pk: 'BUNDLE#1', sk: 'X', n: 3, tags: new Set(['a']) } }));
    const { Item } = await m.db().send(new m.GetCommand({ TableName, Key: { pk: 'BUNDLE#1', sk: 'X' }, ConsistentRead: true }));
    // Assess
    expect(Item).toEqual({ pk: 'BUNDLE#1', sk: 'X', n: 3, tags: new Set(['a']) });
  });
});
