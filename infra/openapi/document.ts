/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas alone: a route
 * added to `functions/routes.ts` appears here with its parameters, body, responses, the errors
 * its properties make possible, and who may call it. Served locally at `/openapi.json`, and shown at `/docs` (`docs.ts`).
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { deployedRoutes, routes } from '#functions/routes.ts';
import { settings } from '#shared/config.ts';
import type { Access, Route } from '#shared/http/route.ts';
import { requestHeaders, responseHeaders, type RequestHeader } from '#infra/openapi/headers.ts';
import { GatewayMessage, ProblemDetails, problemTypes } from '#infra/openapi/problem-types.ts';
import { errorResponses, successResponses, type ResponseContext } from '#infra/openapi/responses.ts';
import { SchemaComponents, requestDefaultsInWords, type JsonSchema } from '#infra/openapi/schemas.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; license?: string };

/** Who may call a route, in words (also in the operation's `x-access`). */
export const accessText: Record<Access, string> = {
  public: 'Anyone; no token is needed.',
  optional: 'Anyone. A valid bearer token, when sent, identifies the caller (who may then see or do more).',
  resident: 'Any signed-in resident: any valid bearer token.',
  staff: 'Staff: a bearer token with the `staff` or `admin` group.',
  moderator: 'Moderators: a bearer token with the `moderator` or `admin` group.',
};

const security = (access: Access) =>
  access === 'public' ? [] : access === 'optional' ? [{}, { bearer: [] }] : [{ bearer: [] }];

const parameters = (schema: z.core.$ZodType | undefined, where: 'path' | 'query', schemas: SchemaComponents) => {
  if (!schema) return [];
  const object = schemas.resolve(schemas.convert(schema, 'input'));
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = (object.required ?? []) as string[];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
};

const headerParameter = (name: RequestHeader) => ({ $ref: `#/components/parameters/${name}` });

function operation(r: Route, ctx: ResponseContext) {
  const { schemas } = ctx;
  const maxBytes = r.maxBodyBytes ?? settings().maxBodyBytes;
  return {
    operationId: r.operationId,
    summary: r.summary,
    description: [r.description, `**Who may call:** ${accessText[r.access]}`].filter(Boolean).join('\n\n'),
    tags: [r.tag],
    'x-access': r.access,
    security: security(r.access),
    parameters: [
      ...parameters(r.params, 'path', schemas),
      ...parameters(r.query, 'query', schemas),
      ...(r.ifMatch ? [headerParameter('If-Match')] : []),
      ...(r.idempotent ? [headerParameter('Idempotency-Key')] : []),
    ],
    ...(r.body ? {
      requestBody: {
        required: !r.body.safeParse(undefined).success,
        ...(r.bodyType === 'form'
          ? {
            description: `A form (\`application/x-www-form-urlencoded\`), at most ${maxBytes} bytes.`,
            content: { 'application/x-www-form-urlencoded': { schema: schemas.convert(r.body, 'input') } },
          }
          : {
            description: `JSON, at most ${maxBytes} bytes. Unknown fields are refused.`,
            content: { 'application/json': { schema: schemas.convert(r.body, 'input') } },
          }),
      },
    } : {}),
    responses: { ...successResponses(r, ctx), ...errorResponses(r, ctx) },
  };
}

const problemTable = () => [
  '| Problem type | Status | When |',
  '|---|---|---|',
  ...problemTypes.map((p) => `| \`${p.slug}\` | ${p.status} | ${p.when} |`),
].join('\n');

const description = (local: boolean) => `Participation in municipal decision-making: staff publish bilingual decision drafts, \
residents comment, vote and answer polls, and everyone follows meetings, decisions and how they are carried out.

**Conventions.** JSON in and out. Localized text is an object of language tags (\`{"fi": "…", "sv": "…"}\`). \
Ids are opaque, URL-safe and sortable by creation time; times are ISO 8601 in UTC. \
Lists take \`limit\` (1–100, default 20) and \`cursor\` and answer \`{"items": […], "nextCursor": "…" | null}\`; cursors are opaque and tamper-evident. \
Resources staff edit carry \`version\` and an \`ETag\`; edits take \`If-Match\`. Creating POSTs accept \`Idempotency-Key\`.

**Authentication.** \`Authorization: Bearer <JWT>\`. ${local
    ? 'In this local runtime, `POST /local/token` mints a token for any user and groups.'
    : 'Tokens come from the deployment\'s Cognito user pool (strong identification, e.g. Suomi.fi, is federated there).'} \
Groups: \`staff\`, \`moderator\`, \`admin\` (both); any valid token is a resident. Each operation says who may call it (also as \`x-access\`).

**Errors** are RFC 9457 problem details (\`application/problem+json\`) whose \`type\` is \`${settings().problemBase}/<slug>\`:

${problemTable()}`;

const bearerDescription = (local: boolean) => [
  local
    ? 'A JWT signed by the local runtime\'s own ES256 key: `POST /local/token` with `{"sub", "name", "groups", "strong"}` returns one.'
    : 'A JWT (ID or access token) from the deployment\'s Cognito user pool, verified by API Gateway before any function runs.',
  'Tokens are signed JWTs that expire, handled as RFC8725 (JWT Best Current Practices) asks: the algorithm is fixed by the issuer\'s keys '
  + '(never `none`), and signature, `iss`, `aud`/`client_id` and `exp` are checked on every request.',
  'Claims used: `sub`, `name`, `cognito:groups` (`staff`, `moderator`, `admin`) and `amr` containing `strong` for strong identification (tokens from the deployment Cognito pool say it with `identification: strong`, since Cognito reserves `amr`).',
].join(' ');

const servers = (local: boolean, serverUrl?: string) => local
  ? [{ url: serverUrl ?? '/', description: 'Local runtime (`npm start`) on DynamoDB Local: the server that serves this document.', 'x-internal': true }]
  : [{
    url: serverUrl ?? 'https://{apiId}.execute-api.{region}.amazonaws.com',
    description: 'Production: the deployment\'s HTTP API (a custom domain may front it).',
    'x-internal': false,
    ...(serverUrl ? {} : {
      variables: {
        apiId: { default: 'abcdef1234', description: 'The HTTP API\'s id (a stack output of the deployment)' },
        region: { default: 'eu-north-1', description: 'The AWS region of the deployment' },
      },
    }),
  }];

/** The OpenAPI document: `local` adds the local runtime's own routes (never part of the deployed API). */
export function openApiDocument(local = true, options: { serverUrl?: string } = {}) {
  const table = local ? routes : deployedRoutes;
  const schemas = new SchemaComponents();
  const ctx: ResponseContext = {
    schemas,
    versioned: new Set(table.filter((r) => r.ifMatch).flatMap((r) => Object.values(r.responses).map((s) => s.schema)).filter((s) => s !== undefined)),
    problem: schemas.convert(ProblemDetails, 'output'),
    gatewayMessage: schemas.convert(GatewayMessage, 'output'),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of table) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r, ctx);

  const used = (kind: string) => (name: string) => JSON.stringify(paths).includes(`"#/components/${kind}/${name}"`);
  const document: JsonSchema = {
    openapi: '3.1.0',
    info: {
      title: 'Kuntavaikutus participation API',
      version: pkg.version,
      description: description(local),
      license: { name: pkg.license ?? 'UNLICENSED' },
    },
    servers: servers(local, options.serverUrl),
    tags: [...new Set(table.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      parameters: Object.fromEntries(Object.entries(requestHeaders).filter(([name]) => used('parameters')(name)).map(([name, h]) => [
        name, { name, in: 'header', required: h.required ?? false, description: h.description, schema: schemas.convert(h.schema, 'input') },
      ])),
      headers: Object.fromEntries(Object.entries(responseHeaders).filter(([name]) => used('headers')(name)).map(([name, h]) => [
        name, { description: h.description, required: h.required ?? false, schema: schemas.convert(h.schema, 'output') },
      ])),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: bearerDescription(local) } },
    },
  };
  document.components = { schemas: schemas.finish(document), ...(document.components as JsonSchema) };
  requestDefaultsInWords(document);
  return document;
}
