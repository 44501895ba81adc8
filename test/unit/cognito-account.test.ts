/**
 * Erasure deletes the Cognito user with two signed calls to Cognito's JSON API
 * (shared/me/account.ts over shared/storage/aws-json.ts) instead of the SDK's client: the
 * requests are signed as the SDK's own signer (`@smithy/signature-v4`) signs them, carry
 * the operation, headers and body Cognito expects, and its answers are read as the client
 * read them: a user already gone is no error, and a throttled, failing or unreachable
 * Cognito is a dependency that is unavailable (503, retry later), not a bug.
 * A local node:http server stands in for Cognito.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentials, sdkSigner } from '../support/sdk-signer.ts';
import { closedPort, failure, fakeAws, fromAmzDate, type Answer, type FakeAws, type Seen } from '../support/fake-aws.ts';
import { unavailable } from '#shared/data/client.ts';
import { deleteAccount } from '#shared/me/account.ts';
import { callJson, errorCode } from '#shared/storage/aws-json.ts';
import { authorized } from '#shared/storage/signed.ts';


/** The SDK's signer as Cognito's client configures it (signing name `cognito-idp`, default options). */
const sdk = sdkSigner('cognito-idp');

/** What the SDK's signer makes the Authorization header of this POST to `/`. */
async function sdkAuthorization(host: string, headers: Record<string, string>, body: string, at: Date): Promise<string> {
  const [hostname] = host.split(':');
  const signed = await sdk.sign(
    { method: 'POST', protocol: 'https:', hostname: hostname!, path: '/', query: {}, headers: { host, ...headers }, body },
    { signingDate: at },
  );
  return String(signed.headers.authorization);
}

let endpoint: FakeAws;
let port: number;
let seen: Seen[] = [];
let answers: Answer[] = [];

beforeAll(async () => {
  endpoint = await fakeAws('application/x-amz-json-1.1', (request) => {
    seen.push(request);
    return answers.shift();
  }, { status: 200, body: {} });
  port = endpoint.port;
});

afterAll(async () => {
  await endpoint.close();
});

beforeEach(() => {
  seen = [];
  answers = [];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_REGION: 'eu-north-1', USER_POOL_ID: 'eu-north-1_AbCdEf123', AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${port}`,
  });
});


describe("the signed call to Cognito's JSON API", () => {
  it('is signed as the SDK signs it, for the request it actually sends', async () => {
    // Act
    await deleteAccount('user-1');
    // Assess: both requests, as received, carry the signature the SDK computes for them
    expect(seen).toHaveLength(2);
    for (const { headers, body } of seen) {
      const signed = { 'content-type': headers['content-type']!, 'x-amz-target': String(headers['x-amz-target']) };
      const expected = await sdkAuthorization(headers.host!, signed, body, fromAmzDate(String(headers['x-amz-date'])));
      expect(headers.authorization).toBe(expected);
      expect(headers['x-amz-security-token']).toBe(credentials.sessionToken);
      expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    }
  });

  it("is signed as the SDK signs it for Cognito's own endpoint", async () => {
    // Prepare
    const at = new Date('2026-11-29T10:00:00Z');
    const body = JSON.stringify({ UserPoolId: 'eu-north-1_AbCdEf123', Username: 'Aino Östman' });
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminDeleteUser' };
    // Act
    const ours = authorized({
      method: 'POST', url: new URL('https://cognito-idp.eu-north-1.amazonaws.com/'), query: {}, headers, at, creds: credentials, region: 'eu-north-1',
      service: 'cognito-idp', payloadHash: createHash('sha256').update(body, 'utf8').digest('hex'),
    });
    // Assess
    expect(ours.authorization).toBe(await sdkAuthorization('cognito-idp.eu-north-1.amazonaws.com', headers, body, at));
    expect(ours.authorization).toContain('/20261129/eu-north-1/cognito-idp/aws4_request, ');
  });

  it('signs the user out everywhere, then deletes the user, in the pool USER_POOL_ID names', async () => {
    // Act
    await deleteAccount('user-1');
    // Assess
    expect(seen.map((s) => s.headers['x-amz-target'])).toEqual([
      'AWSCognitoIdentityProviderService.AdminUserGlobalSignOut', 'AWSCognitoIdentityProviderService.AdminDeleteUser',
    ]);
    for (const { headers, body } of seen) {
      expect(headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(JSON.parse(body)).toEqual({ UserPoolId: 'eu-north-1_AbCdEf123', Username: 'user-1' });
      expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-north-1\/cognito-idp\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/);
    }
  });

  it('calls nothing where there is no user pool (the local runtime)', async () => {
    delete process.env.USER_POOL_ID;
    await deleteAccount('user-1');
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['namespaced', 'com.amazonaws.cognito.identity.idp.model#UserNotFoundException'],
    ['plain', 'UserNotFoundException'],
  ])('treats a user already gone (%s __type) as deleted before', async (_, type) => {
    // Prepare: Cognito's answer to the sign-out
    answers = [{ status: 400, body: { __type: type, message: 'User does not exist.' } }];
    // Act
    await deleteAccount('user-1');
    // Assess: no error, nothing more asked (as with the SDK's client)
    expect(seen).toHaveLength(1);
  });

  it('treats a user gone between the two calls as deleted before', async () => {
    answers = [{ status: 200, body: {} }, { status: 400, body: { __type: 'UserNotFoundException', message: 'User does not exist.' } }];
    await deleteAccount('user-1');
    expect(seen).toHaveLength(2);
  });

  it('passes on any other refusal as it is, not as unavailable', async () => {
    // Prepare
    answers = [{ status: 400, body: { __type: 'com.amazonaws.cognito.identity.idp.model#NotAuthorizedException', message: 'Not allowed.' } }];
    // Act
    const error = await failure(deleteAccount('user-1'));
    // Assess: not retried, and a 500 at the edge
    expect(error).toMatchObject({ name: 'NotAuthorizedException', message: 'Not allowed.', $metadata: { httpStatusCode: 400 } });
    expect(seen).toHaveLength(1);
    expect(unavailable(error)).toBe(false);
  });

  it.each<[string, Answer]>([
    ['a server error (500)', { status: 500, body: { __type: 'InternalErrorException', message: 'Internal error.' } }],
    ['a server error without a body (503)', { status: 503 }],
    ['throttling (400 TooManyRequestsException)', { status: 400, body: { __type: 'com.amazonaws.cognito.identity.idp.model#TooManyRequestsException', message: 'Rate exceeded' } }],
    ['throttling (429)', { status: 429, body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' } }],
    ['throttling named in the x-amzn-errortype header', { status: 400, headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/' }, body: {} }],
  ])('after three attempts, classifies %s as unavailable', async (_, answer) => {
    // Prepare
    answers = [answer, answer, answer];
    // Act
    const error = await failure(deleteAccount('user-1'));
    // Assess
    expect(seen).toHaveLength(3);
    expect(unavailable(error)).toBe(true);
  });

  it('succeeds when a retry gets through', async () => {
    answers = [{ status: 500, body: { __type: 'InternalErrorException' } }, { status: 200, body: {} }, { status: 200, body: {} }];
    await deleteAccount('user-1');
    expect(seen.map((s) => s.headers['x-amz-target'])).toEqual([
      'AWSCognitoIdentityProviderService.AdminUserGlobalSignOut', 'AWSCognitoIdentityProviderService.AdminUserGlobalSignOut',
      'AWSCognitoIdentityProviderService.AdminDeleteUser',
    ]);
  });

  it('classifies an unreachable Cognito as unavailable', async () => {
    // Prepare: a port nothing listens on
    const unreachable = await closedPort();
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = `http://127.0.0.1:${unreachable}`;
    // Act
    const error = await failure(deleteAccount('user-1'));
    // Assess
    expect(unavailable(error)).toBe(true);
  });

  it('classifies a Cognito too slow to answer as unavailable', async () => {
    // Prepare
    answers = ['hang', 'hang'];
    const service = { signingName: 'cognito-idp', endpointPrefix: 'cognito-idp', targetPrefix: 'AWSCognitoIdentityProviderService', envId: 'COGNITO_IDENTITY_PROVIDER' };
    // Act
    const error = await failure(callJson(service, 'AdminDeleteUser', { UserPoolId: 'p', Username: 'u' }, { timeoutMs: 200, attempts: 2 }));
    // Assess
    expect(seen).toHaveLength(2);
    expect(unavailable(error)).toBe(true);
  });
});

describe('the error code of an AWS JSON error', () => {
  it.each([
    [null, { __type: 'com.amazonaws.cognito.identity.idp.model#UserNotFoundException' }, 'UserNotFoundException'],
    [null, { __type: 'UserNotFoundException' }, 'UserNotFoundException'],
    [null, { code: 'UserNotFoundException', __type: 'x#Other' }, 'UserNotFoundException'],
    ['UserNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/', { __type: 'x#Other' }, 'UserNotFoundException'],
    [null, {}, undefined],
    [null, undefined, undefined],
  ])('header %s, body %j: %s', (header, body, code) => {
    expect(errorCode(header, body)).toBe(code);
  });
});
