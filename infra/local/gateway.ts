/**
 * The local stand-in for API Gateway HTTP API: matches the route table, plays the JWT
 * authorizer (and the optional-token Lambda authorizer), builds the same v2 event that
 * API Gateway sends, and invokes the same handler Lambda runs.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { problemResult } from '#shared/http/lambda.ts';
import { matcher } from '#shared/http/match.ts';
import { Problem, methodNotAllowed, notFound, unauthorized } from '#shared/http/problem.ts';
import { parseWith } from '#shared/http/validate.ts';
import { jsonBody } from '#shared/http/body.ts';
import { routeKey, type Route } from '#shared/http/route.ts';
import { bearer, gatewayClaims, optionalTokenContext, verifyToken } from '#shared/http/token.ts';
import { LocalTokenBody } from '#functions/platform/routes.ts';
import { tableWrites } from '#functions/writes.ts';
import { inWriteScope } from '#shared/data/write-scope.ts';
import { DigestRunBody } from '#shared/mail/capture-schema.ts';
import { listCaptured } from '#shared/mail/capture.ts';
import type { LocalIdentity } from '#infra/local/tokens.ts';
import { preflightHeaders, responseCorsHeaders } from '#infra/cors.ts';

export interface HttpRequest {
  method: string;
  /** Path and query string, as on the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const root = resolve(import.meta.dirname, '../..');
const modules = new Map<string, Promise<LambdaHandler>>();

/** The handler of `functions/<fn>.ts`, imported once, as Lambda would. */
export const functionHandler = (fn: string): Promise<LambdaHandler> => {
  let loaded = modules.get(fn);
  if (!loaded) {
    loaded = import(pathToFileURL(resolve(root, 'functions', `${fn}.ts`)).href).then((m: { handler: LambdaHandler }) => m.handler);
    modules.set(fn, loaded);
  }
  return loaded;
};

/** The Lambda context a local invocation gets. */
export const lambdaContext = (fn: string, requestId: string = randomUUID()): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: fn.replace('/', '-'),
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn.replace('/', '-')}`,
  memoryLimitInMB: '1024',
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${fn}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const isUtf8 = (buf: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
};

const toResponse = (r: APIGatewayProxyStructuredResultV2): HttpResponse => ({
  status: r.statusCode ?? 200,
  headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)])),
  body: r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64').toString('latin1') : (r.body ?? ''),
});

/**
 * `corsAllowOrigins` plays the deployment's setting of that name; locally every origin may call
 * (the server listens on loopback only).
 */
export function createGateway(options: { routes: Route[]; identity: LocalIdentity; corsAllowOrigins?: string[] }) {
  const match = matcher(options.routes);
  const allowOrigins = options.corsAllowOrigins ?? ['*'];

  async function authorizerFor(route: Route, headers: Record<string, string>): Promise<APIGatewayProxyEventV2['requestContext'] & object | Record<string, unknown> | undefined> {
    if (route.access === 'public') return undefined;
    // As the optional-token Lambda authorizer: always through, claims when valid.
    if (route.access === 'optional') return { lambda: await optionalTokenContext(headers.authorization, options.identity.verifier) };
    // As API Gateway's JWT authorizer: no valid token, no invocation.
    const token = bearer(headers.authorization);
    const claims = token ? await verifyToken(token, options.identity.verifier) : undefined;
    if (!claims) throw unauthorized(token ? 'The bearer token is not valid.' : undefined);
    return { jwt: { claims: gatewayClaims(claims), scopes: null } };
  }

  /** As API Gateway: a preflight is answered at the edge, a CORS request's response gets the CORS headers; HEAD is a GET without its body. */
  async function handle(req: HttpRequest): Promise<HttpResponse> {
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return answer(req);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      return { status: 204, headers: preflightHeaders(origin, allowOrigins), body: '' };
    }
    const response = await answer(req);
    return { ...response, headers: { ...response.headers, ...responseCorsHeaders(origin, allowOrigins) } };
  }

  async function answer(req: HttpRequest): Promise<HttpResponse> {
    const requestId = randomUUID();
    const head = req.method === 'HEAD';
    const url = new URL(req.url, 'http://localhost');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    try {
      const m = match(head ? 'GET' : req.method, url.pathname);
      if (!m.route) throw m.allow.length > 0 ? methodNotAllowed(m.allow.flatMap((a) => (a === 'GET' ? ['GET', 'HEAD'] : [a]))) : notFound('Route');
      const route = m.route;
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: routeKey(route),
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        queryStringParameters: url.search ? queryParameters(url.searchParams) : undefined,
        pathParameters: Object.keys(m.params).length > 0 ? m.params : undefined,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'localhost',
          http: { method: route.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.sourceIp ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId,
          routeKey: routeKey(route),
          stage: '$default',
          time: new Date().toUTCString(),
          timeEpoch: Date.now(),
        },
        body: req.body.length === 0 ? undefined : isUtf8(req.body) ? req.body.toString('utf8') : req.body.toString('base64'),
        isBase64Encoded: req.body.length > 0 && !isUtf8(req.body),
      };
      const authorizer = await authorizerFor(route, headers);
      if (authorizer) (event.requestContext as unknown as { authorizer: unknown }).authorizer = authorizer;
      if (route.localOnly) return await localRoute(route, event);
      const handler = await functionHandler(route.fn);
      // As its role in AWS allows: writes only to the partitions the function declares.
      const response = toResponse(await inWriteScope(route.fn, tableWrites[route.fn] ?? [], () => handler(event, lambdaContext(route.fn, requestId))));
      return head ? { ...response, body: '' } : response;
    } catch (error) {
      if (error instanceof Problem) return toResponse(problemResult(error));
      console.error('local gateway error', error);
      return toResponse(problemResult(new Problem(500, 'internal', 'Internal Server Error', `Correlation id: ${requestId}`)));
    }
  }

  async function localRoute(route: Route, event: APIGatewayProxyEventV2): Promise<HttpResponse> {
    if (route.operationId === 'runOpenData') {
      // What the daily schedule invokes in AWS: the same function, now.
      const write = (await functionHandler(route.fn)) as unknown as () => Promise<unknown>;
      return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify(await write()) };
    }
    if (route.operationId === 'listMail') {
      return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify({ items: await listCaptured() }) };
    }
    if (route.operationId === 'runDigests') {
      // What the digest schedules invoke in AWS: the same function, now.
      const body = parseWith(DigestRunBody, jsonBody(event, 1024), 'body');
      const digest = (await functionHandler(route.fn)) as unknown as (input: unknown, context: Context) => Promise<unknown>;
      const result = await digest(body, lambdaContext(route.fn));
      return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify(result) };
    }
    if (route.operationId !== 'localToken') throw notFound('Route');
    const body = parseWith(LocalTokenBody, jsonBody(event, 4096) ?? {}, 'body');
    const minted = await options.identity.mint(body);
    return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify(minted) };
  }

  return { handle };
}

/** As API Gateway: repeated parameters are joined with commas. */
const queryParameters = (params: URLSearchParams): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
};

export type Gateway = ReturnType<typeof createGateway>;
