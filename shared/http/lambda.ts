/**
 * Turns route implementations into one Lambda handler: API Gateway v2 event in, the
 * route's checks (access, body, schemas, If-Match, Idempotency-Key) once at the edge, the
 * thin handler, and a JSON or problem+json result out. Middy runs it with Powertools.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { settings } from '#shared/config.ts';
import { unavailable } from '#shared/data/client.ts';
import { meter } from '#shared/data/meter.ts';
import { newId } from '#shared/ids.ts';
import { erasedSince } from '#shared/me/erased.ts';
import { logger, traced } from '#shared/observability.ts';
import { clientAddress } from '#shared/http/client-address.ts';
import { actorOf, isModerator, isStaff, tokenRejected, type Actor } from '#shared/http/actor.ts';
import { formBody, header, jsonBody, rawBody } from '#shared/http/body.ts';
import { withCaching } from '#shared/http/cache.ts';
import * as idempotency from '#shared/http/idempotency.ts';
import {
  Problem, badRequest, forbidden, notFound, preconditionFailed, preconditionRequired, serviceUnavailable, tokenRevoked, unauthorized,
} from '#shared/http/problem.ts';
import type { Reply } from '#shared/http/reply.ts';
import { routeKey, type Route } from '#shared/http/route.ts';
import { parseWith } from '#shared/http/validate.ts';

export interface Request<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
  actor: Actor | undefined;
  /** The version sent in If-Match, on routes that require it. */
  ifMatch: number;
  /** The caller's address as API Gateway saw it (rate limits for anonymous participation). */
  sourceIp: string;
  header(name: string): string | undefined;
  event: APIGatewayProxyEventV2;
  /**
   * The id a resource created by this request takes. On idempotent routes it is fixed by the
   * Idempotency-Key, so a retried request can only ever store the resource once.
   */
  newId: string;
}

type Handle<P = unknown, Q = unknown, B = unknown> = (request: Request<P, Q, B>) => Promise<Reply>;

export interface Implementation {
  route: Route;
  handle: Handle;
  /**
   * Idempotent routes: the created resource `id` as it is now (201 with the current view), or
   * undefined when it was never stored. Replays answer from it, never from a stored body.
   */
  current?: (request: Request, id: string) => Promise<Reply | undefined>;
}

/** Pairs a route with the thin handler that serves it, typed by the route's schemas. */
export const implement = <P extends z.ZodMiniType, Q extends z.ZodMiniType, B extends z.ZodMiniType>(
  route: Route<P, Q, B>,
  handle: Handle<z.output<P>, z.output<Q>, z.output<B>>,
  current?: (request: Request<z.output<P>, z.output<Q>, z.output<B>>, id: string) => Promise<Reply | undefined>,
): Implementation => {
  if (route.idempotent && !current) throw new Error(`${route.operationId}: an idempotent route needs current() to answer replays`);
  return { route: route as unknown as Route, handle: handle as Handle, current: current as Implementation['current'] };
};

const authorize = async (route: Route, event: APIGatewayProxyEventV2): Promise<Actor | undefined> => {
  if (route.access === 'public') return undefined;
  if (tokenRejected(event)) throw unauthorized('The bearer token is not valid.');
  const actor = actorOf(event);
  // An erased person's tokens stop working at once, everywhere (API Gateway cannot revoke them).
  if (actor && (await erasedSince(actor.sub, actor.issuedAt))) throw tokenRevoked();
  if (route.access === 'optional') return actor;
  if (!actor) throw unauthorized();
  if (route.access === 'staff' && !isStaff(actor)) throw forbidden('This needs the staff role.');
  if (route.access === 'moderator' && !isModerator(actor)) throw forbidden('This needs the moderator role.');
  return actor;
};

const versionFrom = (value: string | undefined): number => {
  if (value === undefined) throw preconditionRequired();
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) throw preconditionFailed();
  return Number(match[1]);
};

/** On every answer: no content sniffing, and nothing cached unless a route says otherwise. */
const baseHeaders = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

const toResult = (reply: Reply): APIGatewayProxyStructuredResultV2 => {
  const headers: Record<string, string> = { ...baseHeaders, ...reply.headers };
  if (reply.body === undefined) return { statusCode: reply.status, headers };
  if (typeof reply.body === 'string' && reply.contentType) {
    return { statusCode: reply.status, headers: { 'Content-Type': reply.contentType, ...headers }, body: reply.body };
  }
  return {
    statusCode: reply.status,
    headers: { 'Content-Type': reply.contentType ?? 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(reply.body),
  };
};

export const problemResult = (problem: Problem): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...baseHeaders, ...problem.headers },
  body: JSON.stringify(problem.toJSON()),
});

async function serve(impl: Implementation, event: APIGatewayProxyEventV2): Promise<Reply> {
  const { route } = impl;
  const actor = await authorize(route, event);
  const maxBytes = route.maxBodyBytes ?? settings().maxBodyBytes;
  const body = !route.body ? undefined : route.bodyType === 'form' ? formBody(event, maxBytes) : jsonBody(event, maxBytes);
  if (route.body && body === undefined && !route.body.safeParse(undefined).success) throw badRequest('A JSON body is required.');
  const request: Request = {
    params: route.params ? parseParams(route.params, event.pathParameters ?? {}) : {},
    query: route.query ? parseWith(route.query, event.queryStringParameters ?? {}, 'query') : {},
    body: route.body ? parseWith(route.body, body, 'body') : undefined,
    actor,
    ifMatch: route.ifMatch ? versionFrom(header(event, 'if-match')) : 0,
    sourceIp: clientAddress(event),
    header: (name) => header(event, name),
    event,
    newId: newId(),
  };
  const key = route.idempotent ? header(event, 'idempotency-key') : undefined;
  if (key === undefined) return impl.handle(request);
  const scope = `${actor?.sub ?? `anonymous:${request.sourceIp}`}\n${route.operationId}\n${event.rawPath}`;
  const claimed = await idempotency.claim(scope, key, rawBody(event)?.toString('base64') ?? '', actor?.sub);
  request.newId = claimed.resourceId;
  const stored = () => impl.current!(request, claimed.resourceId);
  const replayed = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, 'Idempotent-Replayed': 'true' } });
  if (claimed.done) {
    // The body comes from the resource as it is now, never from the record.
    const now = await stored();
    if (!now) throw notFound();
    return replayed({ ...now, status: claimed.done.status, headers: { ...claimed.done.headers, ...now.headers } });
  }
  if (claimed.resumed) {
    const earlier = await stored();
    if (earlier) {
      await idempotency.complete(claimed, earlier);
      return replayed(earlier);
    }
  }
  try {
    const reply = await impl.handle(request);
    await idempotency.complete(claimed, reply);
    return reply;
  } catch (error) {
    if (!(error instanceof Problem) || error.status >= 500) throw error; // outcome unknown: the lease frees the key
    // Refused; but a first attempt that finished late may have stored it meanwhile.
    const earlier = claimed.resumed ? await stored() : undefined;
    if (earlier) {
      await idempotency.complete(claimed, earlier);
      return replayed(earlier);
    }
    await idempotency.release(claimed);
    throw error;
  }
}

/** Path parameters that do not even have an id's shape name nothing that exists: 404. */
const parseParams = (schema: z.ZodMiniType, params: Record<string, string | undefined>) => {
  const result = schema.safeParse(params);
  if (!result.success) throw notFound();
  return result.data;
};

async function answer(impl: Implementation | undefined, event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    if (!impl) throw notFound('Route');
    return withCaching(impl.route, event, toResult(await serve(impl, event)));
  } catch (error) {
    if (error instanceof Problem) return problemResult(error);
    if (unavailable(error)) {
      logger.warn('dependency unavailable', { error: error as Error, routeKey: event.routeKey });
      return problemResult(serviceUnavailable());
    }
    logger.error('unexpected error', { error: error as Error, routeKey: event.routeKey });
    return problemResult(new Problem(500, 'internal', 'Internal Server Error', `Correlation id: ${event.requestContext.requestId}`));
  }
}

/** One Lambda handler serving the given route implementations. */
export function lambda(implementations: Implementation[]) {
  const byKey = new Map(implementations.map((impl) => [routeKey(impl.route), impl]));
  const run = async (event: APIGatewayProxyEventV2, _context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    logger.setCorrelationId(event.requestContext.requestId);
    meter.take();
    // HEAD is a GET without its body (API Gateway routes `HEAD /path` here beside `GET /path`).
    const head = event.routeKey.startsWith('HEAD ');
    const impl = byKey.get(head ? `GET ${event.routeKey.slice(5)}` : event.routeKey);
    const answered = await answer(impl, event);
    const result = head ? { ...answered, body: undefined } : answered;
    const reading = meter.take();
    logger.debug('dynamodb usage', { routeKey: event.routeKey, ...reading });
    // The bench reads each request's DynamoDB cost from these; never set in a deployment.
    if (process.env.DB_METER_HEADERS === '1') {
      result.headers = { ...result.headers, 'X-DynamoDB-Calls': String(reading.calls), 'X-DynamoDB-Capacity': String(reading.capacityUnits) };
    }
    return result;
  };
  return middy(run).use(injectLambdaContext(logger)).use(traced());
}
