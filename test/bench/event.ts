/**
 * The events a cold Lambda gets first: the API Gateway v2 event for a route (with what
 * the JWT authorizer or the optional-token authorizer leaves on it), and the request the
 * optional-token Lambda authorizer itself receives.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { matcher } from '#shared/http/match.ts';
import { routeKey, type Route } from '#shared/http/route.ts';
import { gatewayClaims } from '#shared/http/token.ts';
import type { Bench, BenchRequest } from './scenario.ts';

const requestContext = (method: string, path: string, key: string) => ({
  accountId: '000000000000',
  apiId: 'bench',
  domainName: 'bench.execute-api.eu-north-1.amazonaws.com',
  domainPrefix: 'bench',
  http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'bench' },
  requestId: randomUUID(),
  routeKey: key,
  stage: '$default',
  time: new Date().toUTCString(),
  timeEpoch: Date.now(),
});

/** What API Gateway puts in `requestContext.authorizer` for this route and caller. */
async function authorizerContext(bench: Bench, route: Route, req: BenchRequest): Promise<Record<string, unknown> | undefined> {
  if (route.access === 'public') return undefined;
  if (!req.as) return route.access === 'optional' ? { lambda: {} } : undefined;
  const claims = decodeJwt(await bench.token(req.as));
  if (route.access === 'optional') {
    const groups = claims['cognito:groups'];
    return {
      lambda: {
        sub: claims.sub, name: String(claims.name ?? ''), groups: Array.isArray(groups) ? groups.join(',') : '',
        strong: String(Array.isArray(claims.amr) && claims.amr.includes('strong')),
      },
    };
  }
  return { jwt: { claims: gatewayClaims(claims), scopes: null } };
}

export async function routeEvent(bench: Bench, route: Route, req: BenchRequest): Promise<APIGatewayProxyEventV2> {
  const url = new URL(req.path, 'https://bench');
  const { params } = matcher([route])(req.method, url.pathname);
  const headers: Record<string, string> = { host: 'bench.execute-api.eu-north-1.amazonaws.com', ...req.headers };
  if (req.as) headers.authorization = `Bearer ${await bench.token(req.as)}`;
  if (req.body !== undefined) headers['content-type'] ??= 'application/json';
  const query = Object.fromEntries(url.searchParams);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: requestContext(req.method, url.pathname, routeKey(route)),
    ...(req.body !== undefined ? { body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) } : {}),
    isBase64Encoded: false,
  };
  const authorizer = await authorizerContext(bench, route, req);
  if (authorizer) (event.requestContext as unknown as { authorizer: unknown }).authorizer = authorizer;
  return event;
}

/** A request to no route: what the `$default` fallback function answers (404). */
export const unknownRouteEvent = (): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: '/v1/no-such-thing',
  rawQueryString: '',
  headers: { host: 'bench.execute-api.eu-north-1.amazonaws.com' },
  requestContext: requestContext('GET', '/v1/no-such-thing', '$default'),
  isBase64Encoded: false,
});

/** The optional-token authorizer's input for a request with a bearer token. */
export const authorizerEvent = (token: string, path: string): APIGatewayRequestAuthorizerEventV2 => ({
  version: '2.0',
  type: 'REQUEST',
  routeArn: `arn:aws:execute-api:eu-north-1:000000000000:bench/$default/GET${path}`,
  identitySource: [`Bearer ${token}`],
  routeKey: `GET ${path}`,
  rawPath: path,
  rawQueryString: '',
  cookies: [],
  headers: { authorization: `Bearer ${token}` },
  requestContext: requestContext('GET', path, `GET ${path}`) as APIGatewayRequestAuthorizerEventV2['requestContext'],
  pathParameters: {},
  stageVariables: {},
});
