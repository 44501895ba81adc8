/**
 * The OpenAPI document: it passes Spectral's `oas` and OWASP rulesets, names every route of the
 * table exactly once, keeps the local runtime's routes out of the deployed API, describes request
 * bodies in valid JSON Schema 2020-12 that never refuses what the API accepts, and documents every
 * problem type the code can raise.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { deployedRoutes, routes } from '#functions/routes.ts';
import type { Route } from '#shared/http/route.ts';
import { openApiDocument } from '#infra/openapi/document.ts';
import { docsAsset, docsAssets, docsPage } from '#infra/openapi/docs.ts';
import { problemTypes } from '#infra/openapi/problem-types.ts';
import { draftBody, inDays } from '../support/fixtures.ts';
import { acknowledged, lint, rulesOff } from './lint.ts';

type Json = Record<string, any>;

const deployed = openApiDocument(false) as Json;
const local = openApiDocument(true) as Json;
const operationOf = (doc: Json, r: Route): Json | undefined => doc.paths[r.path]?.[r.method.toLowerCase()];

describe('Spectral', () => {
  it('finds no error in the deployed document (oas and OWASP rulesets)', async () => {
    // Act
    const findings = await lint(deployed);

    // Assess
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    const perRule = new Map<string, number>();
    for (const w of warnings) perRule.set(w.code, (perRule.get(w.code) ?? 0) + 1);
    const byRule = [...perRule].map(([code, n]) => `${code} ×${n}`);
    console.log(`OpenAPI lint: ${errors.length} errors, ${warnings.length} warnings (${byRule.join(', ')}); `
      + `rules off: ${Object.keys(rulesOff).join(', ')}; acknowledged: ${acknowledged.map((a) => `${a.rule} at ${a.pointer}`).join(', ')}`);
    for (const e of errors) console.error(`${e.code} at ${e.path}: ${e.message}`);
    expect(errors).toEqual([]);
  });

  it('would catch an unbounded string in a request body', async () => {
    // Prepare
    const doc = openApiDocument(false) as Json;
    doc.components.schemas.PostComment.properties.body = { type: 'string' };

    // Act
    const findings = await lint(doc);

    // Assess
    expect(findings).toContainEqual(expect.objectContaining({
      code: 'owasp:api4:2023-string-limit', severity: 'error', path: 'components.schemas.PostComment.properties.body',
    }));
  });

  it('acknowledges rules only for parts the document has', () => {
    // A pointer is a URI fragment (Spectral matches it as one): `{` and `}` in a path are percent-encoded.
    for (const { pointer } of acknowledged) {
      const found = pointer.split('/').slice(1).reduce<any>((node, key) => node?.[decodeURIComponent(key).replaceAll('~1', '/').replaceAll('~0', '~')], deployed);
      expect(found, pointer).toBeDefined();
    }
  });

  it('finds no error in the local document under the oas ruleset', async () => {
    const findings = await lint(local, { owasp: false });
    const errors = findings.filter((f) => f.severity === 'error');
    for (const e of errors) console.error(`${e.code} at ${e.path}: ${e.message}`);
    expect(errors).toEqual([]);
  });
});

describe('routes', () => {
  it('names every route of the table exactly once, under its operationId', () => {
    for (const [doc, table] of [[local, routes], [deployed, deployedRoutes]] as const) {
      const operations = Object.values(doc.paths as Json).flatMap((item) => Object.values(item as Json)) as Json[];
      const ids = operations.map((op) => op.operationId);
      expect(ids).toHaveLength(table.length);
      expect(new Set(ids).size).toBe(ids.length);
      for (const r of table) expect(operationOf(doc, r)?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
    }
  });

  it('keeps the local runtime\'s own routes out of the deployed document', () => {
    expect(deployed.paths['/local/token']).toBeUndefined();
    expect(JSON.stringify(deployed)).not.toContain('/local/token');
    expect(local.paths['/local/token']?.post?.operationId).toBe('localToken');
  });

  it('says who may call each operation, as security requirements and in words', () => {
    for (const r of deployedRoutes) {
      const op = operationOf(deployed, r)!;
      expect(op['x-access']).toBe(r.access);
      const expected = r.access === 'public' ? [] : r.access === 'optional' ? [{}, { bearer: [] }] : [{ bearer: [] }];
      expect(op.security, r.operationId).toEqual(expected);
      expect(op.description).toContain('Who may call');
    }
  });

  it('derives headers and error responses from each route\'s properties', () => {
    for (const r of deployedRoutes) {
      const op = operationOf(deployed, r)!;
      const statuses = Object.keys(op.responses).map(Number);
      const has = (status: number, yes: boolean) => expect(statuses.includes(status), `${r.operationId} ${status}`).toBe(yes || r.errors?.[status] !== undefined);
      const headerParameters = (op.parameters as Json[]).map((p) => p.$ref);
      has(401, r.access !== 'public');
      has(403, r.access === 'staff' || r.access === 'moderator' || (r.access !== 'public' && r.method !== 'GET'));
      has(404, r.params !== undefined);
      has(412, r.ifMatch === true);
      has(428, r.ifMatch === true);
      has(413, r.body !== undefined);
      has(415, r.body !== undefined);
      has(429, true);
      has(500, true);
      expect(headerParameters.includes('#/components/parameters/If-Match')).toBe(r.ifMatch === true);
      expect(headerParameters.includes('#/components/parameters/Idempotency-Key')).toBe(r.idempotent === true);
      if (op.responses[201]) expect(op.responses[201].headers).toHaveProperty('Location');
      for (const [status, text] of Object.entries(r.errors ?? {})) expect(op.responses[status].description).toContain(text);
      expect(op.responses[429].headers).toHaveProperty('Retry-After');
      for (const status of statuses.filter((s) => s >= 400)) {
        expect(op.responses[status].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
    expect(deployed.components.parameters['If-Match'].required).toBe(true);
    expect(deployed.components.headers.Location.required).toBe(true);
    expect(deployed.components.headers.ETag.required).toBe(true);
  });

  it('documents every media type a response comes in', () => {
    const exportDraft = deployed.paths['/v1/drafts/{id}/export'].get.responses[200].content;
    expect(Object.keys(exportDraft)).toEqual(['application/json', 'text/csv']);
    expect(exportDraft['text/csv'].schema).toMatchObject({ type: 'string', maxLength: expect.any(Number) });
  });

  it('answers the ETag of a resource edited with If-Match wherever it is answered', () => {
    const getDraft = deployed.paths['/v1/drafts/{id}'];
    expect(getDraft.get.responses[200].headers).toHaveProperty('ETag');
    expect(getDraft.patch.responses[200].headers).toHaveProperty('ETag');
    expect(deployed.paths['/v1/drafts'].post.responses[201].headers).toHaveProperty('ETag');
    // A comment's `version` is the draft's it was made on, not an edit version: no ETag.
    expect(deployed.paths['/v1/drafts/{id}/comments/{cid}'].patch.responses[200].headers).toBeUndefined();
  });

  it('takes path parameters from `params` and query parameters from `query`', () => {
    const listComments = deployed.paths['/v1/drafts/{id}/comments'].get;
    const byName = Object.fromEntries((listComments.parameters as Json[]).filter((p) => p.name).map((p) => [p.name, p]));
    expect(byName.id).toMatchObject({ in: 'path', required: true });
    expect(byName.limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } });
    expect(byName.sort.schema.enum).toEqual(['newest', 'oldest', 'popular']);
  });
});

describe('request bodies', () => {
  const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
  const ajv = addFormats(new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, keywords: ['example'] }));
  const toDefs = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
  const standalone = (schema: Json) => ({ ...(toDefs(schema) as Json), $defs: toDefs(deployed.components.schemas) });
  /** JSON, or the form (one-click unsubscribe): whichever media type the route takes. */
  const bodySchema = (r: Route) => (Object.values(operationOf(deployed, r)!.requestBody.content)[0] as Json).schema as Json;
  const withBody = deployedRoutes.filter((r) => r.body);

  it('are valid JSON Schema 2020-12, as are all named schemas', () => {
    expect(withBody.length).toBeGreaterThan(0);
    for (const r of withBody) expect(ajv.validateSchema(standalone(bodySchema(r))), `${r.operationId}: ${ajv.errorsText()}`).toBe(true);
    expect(() => ajv.compile(standalone({}))).not.toThrow();
  });

  const samples: [string, Json][] = [
    ['createDraft', draftBody()],
    ['createDraft', draftBody({ commenting: 'strong', caseId: 'HEL-2025-001216', tags: ['liikenne'] })],
    ['publishDraft', { closesAt: inDays(14) }],
    ['postComment', { body: 'Hyvä ehdotus.', authorName: 'Maija' }],
  ];
  const validator = (operationId: string) => {
    const r = withBody.find((x) => x.operationId === operationId)!;
    return { r, validate: ajv.compile(standalone(bodySchema(r))) };
  };

  it('accept what the API accepts', () => {
    for (const [operationId, body] of samples) {
      const { r, validate } = validator(operationId);
      expect(r.body!.safeParse(body).success, operationId).toBe(true);
      expect(validate(body), `${operationId}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('refuse unknown fields as the API does', () => {
    for (const [operationId, body] of samples) {
      const { r, validate } = validator(operationId);
      const unknown = { ...body, unknownField: 1 };
      expect(r.body!.safeParse(unknown).success, operationId).toBe(false);
      expect(validate(unknown), operationId).toBe(false);
    }
  });

  it('refuse nothing the API accepts', () => {
    for (const r of withBody) {
      const validate = ajv.compile(standalone(bodySchema(r)));
      for (const body of [{}, { unknownField: 1 }, [], 'text', null, ...samples.map(([, b]) => b)]) {
        // zod may refuse more (refinements JSON Schema cannot say), never less.
        if (!validate(body)) expect(r.body!.safeParse(body).success, `${r.operationId} ${JSON.stringify(body)}`).toBe(false);
      }
    }
  });
});

describe('problem types', () => {
  const sources = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const raised = new Map<string, number>();
  for (const text of [...sources('shared'), ...sources('functions')]) {
    // A status given as a variable (validationFailed's 400 or 422) is taken on trust.
    for (const m of text.matchAll(/new Problem\(\s*(\w+),\s*'([a-z0-9-]+)'/g)) raised.set(m[2]!, /^\d{3}$/.test(m[1]!) ? Number(m[1]) : NaN);
    for (const m of text.matchAll(/\bconflict\(\s*'([a-z0-9-]+)'/g)) raised.set(m[1]!, 409);
  }

  it('documents every problem type the code raises, with its status', () => {
    const documented = new Map(problemTypes.map((p) => [p.slug, p.status]));
    const missing = [...raised].filter(([slug, status]) => !documented.has(slug) || (!Number.isNaN(status) && documented.get(slug) !== status));
    expect(missing, 'add these to infra/openapi/problem-types.ts').toEqual([]);
  });

  it('documents no problem type the code does not raise', () => {
    expect(problemTypes.filter((p) => !raised.has(p.slug)).map((p) => p.slug)).toEqual([]);
  });

  it('lists them in the API description', () => {
    for (const p of problemTypes) expect(deployed.info.description).toContain(`| \`${p.slug}\` | ${p.status} |`);
  });
});

describe('docs page', () => {
  const page = docsPage({ assets: '/docs/', document: '/openapi.json', local: true });

  it('is Swagger UI over the served document, its files from the installed package', () => {
    expect(page).toContain('SwaggerUIBundle(');
    expect(page).toContain('"url":"/openapi.json"');
    for (const name of Object.keys(docsAssets)) {
      expect(page).toContain(`/docs/${name}`);
      expect(docsAsset(name)!.body.length, name).toBeGreaterThan(0);
    }
    expect(docsAsset('package.json')).toBeUndefined();
    expect(docsAsset('../../package.json')).toBeUndefined();
  });

  it('loads nothing from elsewhere, so it works offline', () => {
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(page).toContain('"validatorUrl":null');
  });

  it('tells how to get a token: locally POST /local/token, deployed the Cognito user pool', () => {
    expect(page).toContain('POST /local/token');
    expect(docsPage({ assets: './', document: './openapi.json', local: false })).toContain('Cognito');
  });
});

describe('npm run openapi', () => {
  it('writes the deployed document where it is told and says where', async () => {
    // Prepare
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'out', 'openapi.json');

    // Act
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'infra/openapi/write.ts', file], { cwd: resolve(import.meta.dirname, '../..') });

    // Assess
    expect(stdout).toContain(file);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Json;
    expect(written.openapi).toBe('3.1.0');
    expect(Object.keys(written.paths)).toEqual(Object.keys(deployed.paths));
    expect(written.paths['/local/token']).toBeUndefined();
  });
});
