/**
 * A route's responses: the successes it declares, and the errors its properties make possible
 * (the checks `shared/http/lambda.ts` runs at the edge, API Gateway's own answers, and the
 * domain's conflicts on writes), all as `application/problem+json`.
 */
import type * as z from 'zod';
import { settings } from '#shared/config.ts';
import type { Route } from '#shared/http/route.ts';
import type { ResponseHeader } from '#infra/openapi/headers.ts';
import { slugsFor } from '#infra/openapi/problem-types.ts';
import type { JsonSchema, SchemaComponents } from '#infra/openapi/schemas.ts';

export interface ResponseContext {
  schemas: SchemaComponents;
  /** Response schemas of resources edited with If-Match: they carry an ETag wherever they are answered. */
  versioned: Set<z.core.$ZodType>;
  problem: JsonSchema;
  gatewayMessage: JsonSchema;
}

type Response = { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> };

const headers = (names: ResponseHeader[]) =>
  names.length === 0 ? {} : { headers: Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }])) };

const code = (slugs: string[]) => slugs.map((s) => `\`${s}\``).join(', ');

export function successResponses(r: Route, ctx: ResponseContext): Record<string, Response> {
  const notModified: [string, Response][] = r.cacheMaxAge
    ? [['304', { description: 'Not modified: the `ETag` sent in `If-None-Match` is still current (public reads only, without `Authorization`).', ...headers(['ETag']) }]]
    : [];
  return Object.fromEntries([...notModified, ...Object.entries(r.responses).map(([status, spec]): [string, Response] => {
    const names: ResponseHeader[] = [];
    if (status === '201' || spec.location) names.push('Location');
    if (spec.schema && ctx.versioned.has(spec.schema)) names.push('ETag');
    if (r.idempotent) names.push('Idempotent-Replayed');
    const type = spec.contentType ?? 'application/json';
    const alternatives = Object.entries(spec.alternatives ?? {}).map(([other, schema]) => [other, { schema: ctx.schemas.convert(schema, 'output') }]);
    const main = spec.schema ? { [type]: { schema: ctx.schemas.convert(spec.schema, 'output') } } : spec.contentType ? { [type]: {} } : {};
    const content = Object.keys(main).length + alternatives.length > 0 ? { ...main, ...Object.fromEntries(alternatives) } : undefined;
    return [status, { description: spec.description, ...headers(names), ...(content ? { content } : {}) }];
  })]);
}

const hasCursor = (r: Route, ctx: ResponseContext): boolean => {
  if (!r.query) return false;
  const properties = ctx.schemas.resolve(ctx.schemas.convert(r.query, 'input')).properties;
  return typeof properties === 'object' && properties !== null && 'cursor' in properties;
};

const forbidden: Partial<Record<Route['access'], string>> = {
  staff: 'The token lacks the `staff` (or `admin`) group: `forbidden`.',
  moderator: 'The token lacks the `moderator` (or `admin`) group: `forbidden`.',
};

/** The error responses `r` can give, derived from its access, schemas, and If-Match/idempotency. */
export function errorResponses(r: Route, ctx: ResponseContext): Record<string, Response> {
  const problem = (description: string, names: ResponseHeader[] = [], gateway = false): Response => ({
    description,
    ...headers(names),
    content: {
      'application/problem+json': { schema: ctx.problem },
      ...(gateway ? { 'application/json': { schema: ctx.gatewayMessage } } : {}),
    },
  });
  const write = r.method !== 'GET';
  const out: Record<string, Response> = {};

  const invalid = [
    ...(r.body || r.query ? ['validation-failed'] : []),
    ...(r.body || r.idempotent ? ['bad-request'] : []),
    ...(hasCursor(r, ctx) ? ['invalid-cursor'] : []),
  ];
  if (invalid.length > 0) out[400] = problem(`The request is not valid: ${code(invalid)}. \`errors\` names each offending field.`);

  if (r.access === 'optional') {
    out[401] = problem('The bearer token sent is not valid: `unauthorized`. Send none to call anonymously.', ['WWW-Authenticate']);
  } else if (r.access !== 'public') {
    out[401] = problem('No valid bearer token: `unauthorized`. In AWS, API Gateway\'s JWT authorizer answers this itself (`application/json`).',
      ['WWW-Authenticate'], true);
  }
  const denied = forbidden[r.access] ?? (r.access !== 'public' && write
    ? `The caller may not do this to this resource: ${code(slugsFor(403))}.` : undefined);
  if (denied) out[403] = problem(denied);

  if (r.params) out[404] = problem('No such resource, or one the caller may not see: `not-found`.');

  const conflicts = [
    ...(write && r.params ? ['The resource\'s current state does not allow this; `type` names the conflict (see the problem types with status 409).'] : []),
    ...(r.idempotent ? ['`idempotency-in-progress`: an earlier request with this `Idempotency-Key` is still running (`Retry-After`).'] : []),
  ];
  if (conflicts.length > 0) out[409] = problem(conflicts.join(' '), r.idempotent ? ['Retry-After'] : []);

  if (r.ifMatch) out[412] = problem('`If-Match` names an older version: `precondition-failed`, with `currentVersion`. Read the resource again.');
  if (r.body) {
    out[413] = problem(`The body is larger than ${r.maxBodyBytes ?? settings().maxBodyBytes} bytes: \`payload-too-large\`.`);
    out[415] = problem(`The body is not \`${r.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json'}\`: \`unsupported-media-type\`.`);
  }
  const unprocessable = [
    ...(r.body ? ['Well-formed, but it breaks a rule of the domain; `type` names it (see the problem types with status 422).'] : []),
    ...(r.idempotent ? ['`idempotency-key-reused`: this `Idempotency-Key` came with another body.'] : []),
  ];
  if (unprocessable.length > 0) out[422] = problem(unprocessable.join(' '));
  if (r.ifMatch) out[428] = problem('`If-Match` is missing: `precondition-required`.');

  for (const [status, text = ''] of Object.entries(r.errors ?? {})) {
    out[status] = problem(out[status] ? `${out[status].description} ${text}` : text);
  }

  out[429] = problem('Too many requests: the API\'s own limit (`rate-limited`, with `Retry-After`) or API Gateway\'s stage throttling (`application/json`).',
    ['Retry-After'], true);
  out[500] = problem('An unexpected error: `internal`, with a correlation id in `detail`. If the function itself fails, API Gateway answers (`application/json`).',
    [], true);
  out[503] = problem('The database or another service this route needs is unavailable, throttled or too slow: `service-unavailable`, with `Retry-After`.',
    ['Retry-After']);
  return out;
}
