/**
 * What a route is: the one description that drives the Lambda dispatch, the CDK routes,
 * the local HTTP adapter, the authorization matrix tests and the OpenAPI document.
 */
import type * as z from 'zod/mini';

/**
 * Who may call a route. `optional`: anyone, and a valid token (if sent) identifies the caller;
 * `resident`: any valid token; `staff`/`moderator`: that group or `admin`.
 */
export type Access = 'public' | 'optional' | 'resident' | 'staff' | 'moderator';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodMiniType;
  /** Defaults to application/json. */
  contentType?: string;
  /** The answer names the resource it created or started in `Location` (201 always does). */
  location?: boolean;
  /** The same response in other media types, chosen by the request (e.g. `?format=csv`), with their schemas. */
  alternatives?: Record<string, z.ZodMiniType>;
}

export interface Route<
  P extends z.ZodMiniType = z.ZodMiniType,
  Q extends z.ZodMiniType = z.ZodMiniType,
  B extends z.ZodMiniType = z.ZodMiniType,
> {
  operationId: string;
  method: Method;
  path: `/${string}`;
  /** The Lambda function serving it: `functions/<fn>.ts`. */
  fn: string;
  access: Access;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** How the body is sent: JSON (default), or a form (`application/x-www-form-urlencoded`, as mail clients post RFC 8058 one-click unsubscribes). */
  bodyType?: 'json' | 'form';
  /** Success responses by status; error responses are added from the route's properties. */
  responses: Record<number, ResponseSpec>;
  /** Errors the route's other properties do not imply, by status, in words (e.g. a 404 for an unknown id in the query). */
  errors?: Partial<Record<number, string>>;
  /** Staff edits: `If-Match` is required (428 without, 412 when stale). */
  ifMatch?: boolean;
  /** Creates something: honours `Idempotency-Key`. */
  idempotent?: boolean;
  /** Largest accepted body in bytes, when not the deployment default. */
  maxBodyBytes?: number;
  /** Local runtime only: never deployed. */
  localOnly?: boolean;
  /**
   * A public GET that shared caches (CloudFront, browsers) may keep this many seconds when
   * asked without a token (`public, max-age`, with an ETag); with a token it stays private.
   */
  cacheMaxAge?: number;
}

/** Declares a route, keeping the schema types for the handler that implements it. */
export const route = <P extends z.ZodMiniType, Q extends z.ZodMiniType, B extends z.ZodMiniType>(r: Route<P, Q, B>) => r;

/** `POST /v1/drafts/{id}` — the API Gateway v2 route key. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>): string => `${r.method} ${r.path}`;
