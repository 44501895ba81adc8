/**
 * Who may keep a response. A public read whose route declares `cacheMaxAge` answers
 * `public, max-age=N` with an ETag (its own, or a hash of the body) and 304 to a matching
 * `If-None-Match`, so CloudFront and browsers can keep it briefly. Anything asked with a
 * token is personal: `private, no-store`, whatever the route. Everything else keeps the
 * plumbing's `no-store`.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { header } from '#shared/http/body.ts';
import type { Route } from '#shared/http/route.ts';

export const personal = 'private, no-store';

/** A weak validator of the exact bytes: the same list twice has the same ETag. */
const bodyTag = (body: string): string => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Whether `If-None-Match` names `tag` (weak comparison, as RFC 9110 asks for GET). */
const matches = (ifNoneMatch: string, tag: string): boolean => {
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => opaque(t) === opaque(tag));
};

/** RFC 9110: without If-None-Match, If-Modified-Since at or after Last-Modified means unchanged. */
const unmodifiedSince = (since: string | undefined, lastModified: unknown): boolean => {
  if (since === undefined || typeof lastModified !== 'string') return false;
  const [a, b] = [Date.parse(since), Date.parse(lastModified)];
  return Number.isFinite(a) && Number.isFinite(b) && b <= a;
};

/** `result` with the caching headers its route and request call for. */
export function withCaching(route: Route, event: APIGatewayProxyEventV2, result: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string | number | boolean> = { ...result.headers };
  // The handler said it is personal (e.g. a draft opened by a preview link): nobody keeps it.
  if (headers['Cache-Control'] === personal) return result;
  if (header(event, 'authorization') !== undefined || (route.access !== 'public' && route.access !== 'optional')) {
    return { ...result, headers: { ...headers, 'Cache-Control': personal } };
  }
  if (route.cacheMaxAge === undefined || route.method !== 'GET' || result.statusCode !== 200) return result;
  const cached: Record<string, string | number | boolean> = { ...headers, 'Cache-Control': `public, max-age=${route.cacheMaxAge}` };
  // A resource's own ETag is its version, which does not cover what is derived from the
  // clock (a draft's status): it is kept for If-Match, but only a body hash answers 304.
  if (headers.ETag !== undefined) return { ...result, headers: cached };
  const tag = bodyTag(typeof result.body === 'string' ? result.body : '');
  const ifNoneMatch = header(event, 'if-none-match');
  if (ifNoneMatch !== undefined ? matches(ifNoneMatch, tag) : unmodifiedSince(header(event, 'if-modified-since'), headers['Last-Modified'])) {
    const { 'Content-Type': _type, ...kept } = cached;
    return { statusCode: 304, headers: { ...kept, ETag: tag } };
  }
  return { ...result, headers: { ...cached, ETag: tag } };
}
