/**
 * The API's CORS settings, once: the CDK stack configures API Gateway with them, and the local
 * runtime answers preflights and cross-origin requests with them as API Gateway does.
 */
export const cors = {
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
  exposeHeaders: ['etag', 'location'],
  maxAgeSeconds: 3600,
} as const;

/** As API Gateway matches `allowOrigins`: exact origins, `*`, or a scheme wildcard (`https://*`). */
export const originAllowed = (origin: string, allowOrigins: readonly string[]): boolean =>
  allowOrigins.some((allowed) => allowed === '*' || allowed === origin || (allowed.endsWith('://*') && origin.startsWith(allowed.slice(0, -1))));

/** What API Gateway answers a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) with: 204 and these headers. */
export const preflightHeaders = (origin: string, allowOrigins: readonly string[]): Record<string, string> =>
  originAllowed(origin, allowOrigins) ? {
    'Access-Control-Allow-Origin': allowOrigins.includes('*') ? '*' : origin,
    'Access-Control-Allow-Methods': cors.allowMethods.join(','),
    'Access-Control-Allow-Headers': cors.allowHeaders.join(','),
    'Access-Control-Max-Age': String(cors.maxAgeSeconds),
  } : {};

/** What API Gateway adds to a response to a cross-origin request. */
export const responseCorsHeaders = (origin: string, allowOrigins: readonly string[]): Record<string, string> =>
  originAllowed(origin, allowOrigins) ? {
    'Access-Control-Allow-Origin': allowOrigins.includes('*') ? '*' : origin,
    'Access-Control-Expose-Headers': cors.exposeHeaders.join(','),
  } : {};
