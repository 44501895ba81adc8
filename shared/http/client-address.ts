/**
 * The client's address as the API sees it. Behind CloudFront the connection comes from an
 * edge server, so the viewer's own address is read from `CloudFront-Viewer-Address`, but only
 * when the request also carries the origin secret CloudFront adds (`X-Origin-Verify`, compared
 * in constant time): a caller going straight to the execute-api address cannot pick an address
 * for itself to escape a per-address limit.
 */
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { header } from '#shared/http/body.ts';

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** `203.0.113.7:46532` or `2001:db8::7:46532` (CloudFront writes IPv6 without brackets) without the port. */
export const withoutPort = (viewer: string): string | undefined => {
  const at = viewer.lastIndexOf(':');
  const address = at > 0 ? viewer.slice(0, at) : '';
  return /^[\d.]+$|^[\da-f:]+$/i.test(address) && address.length <= 45 ? address.toLowerCase() : undefined;
};

export function clientAddress(event: APIGatewayProxyEventV2): string {
  const connection = event.requestContext.http?.sourceIp ?? 'unknown';
  const expected = process.env.ORIGIN_VERIFY;
  const given = header(event, 'x-origin-verify');
  const viewer = header(event, 'cloudfront-viewer-address');
  if (!expected || given === undefined || viewer === undefined || !sameSecret(given, expected)) return connection;
  return withoutPort(viewer) ?? connection;
}
