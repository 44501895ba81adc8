/**
 * The Ahjo imports are bundled without Powertools Tracer and the X-Ray SDK (infra/bundling.ts
 * `untracedFunctions`), which keeps them under DESIGN.md's bundle bar: bundled exactly as CDK
 * bundles them they hold no X-Ray code, stay under the bar, and still import and answer
 * against DynamoDB Local. Every other function keeps the tracer.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlingFor, functionEntry, lambdaBundling, untracedFunctions } from '#infra/bundling.ts';
import { routeKey } from '#shared/http/route.ts';
import { gatewayClaims } from '#shared/http/token.ts';
import { importAhjoMeeting } from '#functions/imports/routes.ts';
import { esbuildOptions, projectRoot } from '../bench/bundles.ts';
import { useTable } from '../support/table.ts';

useTable();
const dir = mkdtempSync(join(tmpdir(), 'kv-bundle-tracer-'));
writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Builds function `fn` as CDK does; its size and the packages in it. */
async function bundled(fn: string) {
  const outfile = join(dir, `${fn.replace('/', '-')}.mjs`);
  const { metafile } = await build({ ...esbuildOptions(functionEntry(fn)), entryPoints: [join(projectRoot, functionEntry(fn))], outfile, metafile: true });
  const inputs = Object.keys(Object.values(metafile.outputs)[0]!.inputs);
  return { outfile, bytes: readFileSync(outfile).length, inputs };
}

const xray = (inputs: string[]) => inputs.filter((i) => /node_modules\/(aws-xray-sdk-core|cls-hooked|@aws-lambda-powertools\/tracer)\//.test(i));

const now = () => Math.floor(Date.now() / 1000);

/** What API Gateway hands the import route for a staff member's POST (the JWT authorizer's claims included). */
const staffImport = (body: unknown) => ({
  version: '2.0',
  routeKey: routeKey(importAhjoMeeting),
  rawPath: importAhjoMeeting.path,
  rawQueryString: '',
  headers: { host: 'api.example', 'content-type': 'application/json' },
  requestContext: {
    accountId: '000000000000', apiId: 'test', domainName: 'api.example', domainPrefix: 'api', requestId: 'r-1', routeKey: routeKey(importAhjoMeeting),
    stage: '$default', time: new Date().toUTCString(), timeEpoch: Date.now(),
    http: { method: 'POST', path: importAhjoMeeting.path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
    authorizer: { jwt: { claims: gatewayClaims({ sub: 'staff-1', name: 'Sanna Staff', 'cognito:groups': ['staff'], token_use: 'id', iat: now(), exp: now() + 600 }), scopes: null } },
  },
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

const lambdaContext = { functionName: 'imports-ahjo', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 10_000 };

describe('the functions bundled without the tracer', () => {
  it('are exactly the Ahjo imports; every other function keeps the bundling with the tracer', () => {
    expect(untracedFunctions).toEqual(['imports/ahjo', 'imports/sync']);
    for (const fn of untracedFunctions) expect(bundlingFor(functionEntry(fn)).alias['@aws-lambda-powertools/tracer']).toBeDefined();
    expect(bundlingFor(functionEntry('drafts/read'))).toBe(lambdaBundling);
    expect(bundlingFor('functions/platform/authorizer.ts')).toBe(lambdaBundling);
  });

  it('hold no X-Ray code and stay under the bundle bar, while a traced function holds the tracer', async () => {
    // Act
    const [ahjo, sync, read] = await Promise.all(['imports/ahjo', 'imports/sync', 'drafts/read'].map(bundled));
    // Assess: DESIGN.md's bar, 1.3x the DynamoDB client as it comes (about 430 KB)
    for (const b of [ahjo!, sync!]) {
      expect(xray(b.inputs)).toEqual([]);
      expect(b.inputs).toContain('infra/tracer-off/index.ts');
      expect(b.bytes).toBeLessThan(430 * 1024);
    }
    expect(xray(read!.inputs).length).toBeGreaterThan(10);
  });

  it('still import a meeting against DynamoDB Local, and the job still runs its middleware', async () => {
    // Prepare
    const { outfile } = await bundled('imports/ahjo');
    const { handler } = (await import(pathToFileURL(outfile).href)) as { handler: (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string }> };
    const meeting = (JSON.parse(readFileSync(join(projectRoot, '../shared/fixtures/ahjo/meetings-sample.json'), 'utf8')) as { meetings: unknown[] }).meetings[0];
    // Act
    const first = await handler(staffImport(meeting), lambdaContext);
    const again = await handler(staffImport(meeting), lambdaContext);
    // Assess
    expect(first.statusCode, first.body).toBe(201);
    expect((JSON.parse(first.body) as { outcome: string }).outcome).toBe('created');
    expect(again.statusCode, again.body).toBe(200);
    expect((JSON.parse(again.body) as { outcome: string }).outcome).toBe('unchanged');

    // The sync job: loads, runs through its middleware chain, and fails on its missing setting
    const job = await bundled('imports/sync');
    const sync = (await import(pathToFileURL(job.outfile).href)) as { handler: (e: unknown, c: unknown) => Promise<unknown> };
    const base = process.env.AHJO_BASE_URL;
    delete process.env.AHJO_BASE_URL;
    try {
      await expect(sync.handler({}, lambdaContext)).rejects.toThrow('AHJO_BASE_URL is not set');
    } finally {
      if (base !== undefined) process.env.AHJO_BASE_URL = base;
    }
  });
});
