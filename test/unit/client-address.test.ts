/**
 * Whose address a per-address limit counts: the viewer's behind CloudFront, and only when
 * CloudFront's origin secret vouches for the header; otherwise the connection's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clientAddress, withoutPort } from '#shared/http/client-address.ts';

const event = (headers: Record<string, string>): APIGatewayProxyEventV2 =>
  ({ headers, requestContext: { http: { sourceIp: '130.176.1.10' } } }) as unknown as APIGatewayProxyEventV2;

afterEach(() => {
  delete process.env.ORIGIN_VERIFY;
});

describe('the client address', () => {
  it('is the viewer address CloudFront forwards, with the origin secret', () => {
    process.env.ORIGIN_VERIFY = 'edge-secret-1';
    expect(clientAddress(event({ 'x-origin-verify': 'edge-secret-1', 'cloudfront-viewer-address': '203.0.113.7:46532' }))).toBe('203.0.113.7');
    expect(clientAddress(event({ 'X-Origin-Verify': 'edge-secret-1', 'CloudFront-Viewer-Address': '2001:DB8::7:443' }))).toBe('2001:db8::7');
  });

  it('is the connection address when the secret is wrong, missing or not configured, whatever the header says', () => {
    expect(clientAddress(event({ 'x-origin-verify': 'edge-secret-1', 'cloudfront-viewer-address': '203.0.113.7:1' }))).toBe('130.176.1.10');
    process.env.ORIGIN_VERIFY = 'edge-secret-1';
    expect(clientAddress(event({ 'x-origin-verify': 'edge-secret-2', 'cloudfront-viewer-address': '203.0.113.7:1' }))).toBe('130.176.1.10');
    expect(clientAddress(event({ 'cloudfront-viewer-address': '203.0.113.7:1' }))).toBe('130.176.1.10');
    expect(clientAddress(event({ 'x-origin-verify': 'edge-secret-1' }))).toBe('130.176.1.10');
  });

  it('ignores a viewer header that is not an address', () => {
    process.env.ORIGIN_VERIFY = 'edge-secret-1';
    for (const bad of ['evil', '203.0.113.7', '<script>:1', `${'1'.repeat(60)}:1`]) {
      expect(clientAddress(event({ 'x-origin-verify': 'edge-secret-1', 'cloudfront-viewer-address': bad })), bad).toBe('130.176.1.10');
    }
    expect(withoutPort('198.51.100.1:80')).toBe('198.51.100.1');
  });
});
