import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handler as health } from '#functions/platform/health.ts';

const event = (routeKey: string, path: string) => ({
  version: '2.0', routeKey, rawPath: path, rawQueryString: '', headers: {},
  requestContext: { requestId: 'r-1', routeKey, http: { method: routeKey.split(' ')[0], path, sourceIp: '127.0.0.1' } },
  isBase64Encoded: false,
}) as unknown as APIGatewayProxyEventV2;
const context = { functionName: 'test', awsRequestId: 'r-1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

describe('HEAD in the functions', () => {
  it('a HEAD route is served by the GET implementation, with its headers and no body', async () => {
    const get = (await health(event('GET /v1/health', '/v1/health'), context)) as APIGatewayProxyStructuredResultV2;
    const head = (await health(event('HEAD /v1/health', '/v1/health'), context)) as APIGatewayProxyStructuredResultV2;
    expect(get.body).toBe('{"status":"ok"}');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBeUndefined();
    expect(head.headers).toEqual(get.headers);
  });

});
