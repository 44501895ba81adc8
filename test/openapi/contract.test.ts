/** The contract check that every HTTP test's responses pass: it must catch each way a response can break the document. */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#infra/openapi/document.ts';
import { contractOf, type Exchange } from './contract.ts';

const check = contractOf(openApiDocument(true));
const draftId = '01JD3Z6Q4T8W9X2Y5A7B9C1D3E';
const problem = (status: number) => JSON.stringify({ type: 'https://kuntavaikutus.fi/problems/not-found', title: 'Not found', status });
const exchange = (x: Partial<Exchange> & Pick<Exchange, 'method' | 'url' | 'status'>, headers: Record<string, string> = {}): Exchange =>
  ({ body: '', headers: new Headers(headers), ...x });
const json = { 'content-type': 'application/json; charset=utf-8' };

describe('the contract check', () => {
  it('passes a response the document describes', () => {
    const verdict = check(exchange({ method: 'GET', url: '/v1/health', status: 200, body: '{"status":"ok"}' }, json));
    expect(verdict).toEqual({ operationId: 'health', violations: [] });
  });

  it('names a status the operation does not document', () => {
    const { violations } = check(exchange({ method: 'GET', url: '/v1/health', status: 404, body: problem(404) }, { 'content-type': 'application/problem+json' }));
    expect(violations).toEqual([expect.stringContaining('status 404 is not documented')]);
  });

  it('names a content type the response does not document', () => {
    const { violations } = check(exchange({ method: 'GET', url: '/v1/health', status: 200, body: 'ok' }, { 'content-type': 'text/plain' }));
    expect(violations).toEqual([expect.stringContaining('content type text/plain is not documented')]);
  });

  it('names a body that breaks the schema, and a body that is not JSON', () => {
    const wrong = check(exchange({ method: 'GET', url: '/v1/health', status: 200, body: '{"status":"down"}' }, json));
    const garbled = check(exchange({ method: 'GET', url: '/v1/health', status: 200, body: '{"status":' }, json));
    expect(wrong.violations).toEqual([expect.stringMatching(/breaks the schema.*must be equal to constant/)]);
    expect(garbled.violations).toEqual([expect.stringContaining('not JSON')]);
  });

  it('checks bodies through the named schemas they refer to', () => {
    const { violations } = check(exchange({ method: 'GET', url: `/v1/drafts/${draftId}`, status: 200, body: JSON.stringify({ id: draftId }) }, json));
    expect(violations).toContainEqual(expect.stringMatching(/breaks the schema.*must have required property 'version'/));
  });

  it('names a required header that is missing, and a header whose value breaks its schema', () => {
    const url = '/v1/drafts';
    const created = (headers: Record<string, string>) => check(exchange({ method: 'POST', url, status: 201, body: '{}' }, { ...json, ...headers }));
    expect(created({}).violations).toContainEqual(expect.stringContaining('header Location is required but missing'));
    expect(created({ location: 'https://elsewhere.example/x' }).violations).toContainEqual(expect.stringContaining('header Location: "https://elsewhere.example/x"'));
  });

  it('checks a HEAD as its GET, without a body', () => {
    expect(check(exchange({ method: 'HEAD', url: '/v1/health', status: 200 }, json))).toEqual({ operationId: 'health', violations: [] });
    expect(check(exchange({ method: 'HEAD', url: '/v1/health', status: 200 }, { 'content-type': 'text/html' })).violations).toHaveLength(1);
  });

  it('has nothing to check where the document has no operation: unknown paths and methods', () => {
    expect(check(exchange({ method: 'GET', url: '/nowhere', status: 404, body: problem(404) }))).toEqual({ violations: [] });
    expect(check(exchange({ method: 'DELETE', url: '/v1/health', status: 405, body: problem(405) }))).toEqual({ violations: [] });
  });
});
