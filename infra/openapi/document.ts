/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
import * as z from 'zod';
import { deployedRoutes, routes } from '#functions/routes.ts';
import type { Route } from '#shared/http/route.ts';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const operation = (r: Route) => ({
  operationId: r.operationId,
  summary: r.summary,
  ...(r.description ? { description: r.description } : {}),
  tags: [r.tag],
  ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } } : {}),
  responses: Object.fromEntries(
    Object.entries(r.responses).map(([status, spec]) => [
      status,
      { description: spec.description, ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: schemaOf(spec.schema, 'output') } } } : {}) },
    ]),
  ),
});

export function openApiDocument(local = true) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of local ? routes : deployedRoutes) {
    (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Kuntavaikutus participation API', version: '1.0.0' },
    paths,
  };
}

export const docsPage = (): string =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>API</title><body><h1>Kuntavaikutus API</h1><ul>${routes
    .map((r) => `<li><code>${r.method} ${r.path}</code> — ${r.summary}</li>`)
    .join('')}</ul><p><a href="/openapi.json">openapi.json</a></p></body></html>`;
