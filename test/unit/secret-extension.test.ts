/**
 * In AWS the deployment secret comes from the Parameters and Secrets Lambda Extension
 * (localhost:2773). Here a local HTTP server stands in for the extension: the module asks
 * it the way the extension expects, derives its keys from what it answers, and tries
 * again after a failed answer instead of keeping the failure.
 */
import { hkdfSync } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const arn = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:kuntavaikutus/deployment-AbCdEf';
const secretString = 'x'.repeat(48);
const requests: { url: string; token: string | undefined }[] = [];
let answer: { status: number; body: string } = { status: 200, body: JSON.stringify({ Name: 'deployment', SecretString: secretString }) };

const extension = createServer((req: IncomingMessage, res) => {
  requests.push({ url: req.url!, token: req.headers['x-aws-parameters-secrets-token'] as string | undefined });
  res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => extension.listen(0, '127.0.0.1', resolve));
  process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String((extension.address() as AddressInfo).port);
  process.env.SECRET_ARN = arn;
  process.env.AWS_SESSION_TOKEN = 'session-token';
});

afterAll(async () => {
  delete process.env.SECRET_ARN;
  delete process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  await new Promise((resolve) => extension.close(resolve));
});

const expectedKey = (purpose: string) =>
  Buffer.from(hkdfSync('sha256', Buffer.from(secretString, 'utf8'), Buffer.alloc(0), `kuntavaikutus:${purpose}`, 32));

describe('the deployment secret through the Parameters and Secrets extension', () => {
  it('a failed answer is not kept: the next call asks again', async () => {
    // Prepare
    const { derivedKey } = await import('#shared/secret.ts');
    answer = { status: 400, body: '{"message":"not ready"}' };

    // Act / Assess
    await expect(derivedKey('cursor')).rejects.toThrow(/400/);
    answer = { status: 200, body: JSON.stringify({ SecretString: secretString }) };
    expect(await derivedKey('cursor')).toEqual(expectedKey('cursor'));
  });

  it('asks for the secret by ARN with the session token, once', async () => {
    const { derivedKey } = await import('#shared/secret.ts');
    const before = requests.length;

    const ballot = await derivedKey('ballot');

    expect(ballot).toEqual(expectedKey('ballot'));
    expect(requests.length).toBe(before); // cached from the first successful answer
    expect(requests.at(-1)).toEqual({ url: `/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, token: 'session-token' });
  });
});
