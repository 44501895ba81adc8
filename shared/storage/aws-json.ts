/**
 * Calls to AWS APIs of the JSON protocols (AWS JSON 1.1: POST `/`, the operation in
 * `X-Amz-Target`; REST-JSON: POST to the operation's path) without the service's SDK client: signed with SigV4 by `signed.ts`,
 * with the function role's credentials from the environment. A client such as Cognito's
 * adds some 30 KB (and the SDK's core behind it) to a function that makes two calls.
 *
 * As the SDK does: the endpoint is `https://<endpointPrefix>.<region>.amazonaws.com` unless
 * AWS_ENDPOINT_URL_<SERVICE_ID> or AWS_ENDPOINT_URL names another; errors are thrown with
 * the AWS error code as their `name` and the HTTP status in `$metadata.httpStatusCode`;
 * a throttled, failing (5xx), unreachable or too slow service is tried again, three
 * attempts in all, with jittered backoff.
 */
import { createHash } from 'node:crypto';
import { authorized, environmentCredentials, region } from '#shared/storage/signed.ts';

export interface JsonService {
  /** The SigV4 signing name, e.g. `cognito-idp`. */
  signingName: string;
  /** The host's first label, e.g. `cognito-idp`. */
  endpointPrefix: string;
  /** The `X-Amz-Target` prefix, e.g. `AWSCognitoIdentityProviderService` (AWS JSON 1.1 only). */
  targetPrefix?: string;
  /** The SDK's service id, upper-cased with `_` for spaces, for AWS_ENDPOINT_URL_<id>. */
  envId: string;
}

export interface CallOptions {
  /** Per attempt (connection and answer together). */
  timeoutMs?: number;
  attempts?: number;
}

/** An error the service answered with. */
export type AwsError = Error & { $metadata: { httpStatusCode: number }; $fault: 'client' | 'server' };

/** True when `error` is the service's answer with that AWS error code (`UserNotFoundException`, ...). */
export const isAwsError = (error: unknown, code: string): error is AwsError =>
  error instanceof Error && error.name === code && '$metadata' in error;

const endpoint = (service: JsonService): string =>
  process.env[`AWS_ENDPOINT_URL_${service.envId}`] ?? process.env.AWS_ENDPOINT_URL ?? `https://${service.endpointPrefix}.${region()}.amazonaws.com`;

/**
 * The error code as AWS JSON protocols send it, in the `x-amzn-errortype` header or the
 * body's `code` or `__type`, which may carry a namespace (`com.amazonaws...#Code`) or a
 * suffix (`Code:http://...`): the SDK's reading of it.
 */
export function errorCode(header: string | null, body: unknown): string | undefined {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const raw = [header, b.code, b.__type].find((v): v is string => typeof v === 'string' && v !== '');
  if (raw === undefined) return undefined;
  const code = raw.split(':')[0]!;
  return code.slice(code.lastIndexOf('#') + 1);
}

const throttlingCodes = new Set([
  'ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded',
  'RequestThrottled', 'RequestThrottledException', 'ProvisionedThroughputExceededException', 'SlowDown', 'TransactionInProgressException',
]);

/** Worth another attempt: throttled, a server error, or no answer at all (network, timeout). */
const retryable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  // No answer: fetch failed (refused, reset, unresolvable: a TypeError) or timed out.
  if (!('$metadata' in error)) return error instanceof TypeError || error.name === 'TimeoutError' || error.name === 'AbortError';
  const e = error as AwsError;
  return e.$metadata.httpStatusCode >= 500 || e.$metadata.httpStatusCode === 429 || throttlingCodes.has(e.name);
};

/** One request: POST `path` with `headers` (besides the signed ones) and the JSON `payload`. */
interface Request {
  path: string;
  headers: Record<string, string>;
  /** Names the call in an error message, e.g. `AdminDeleteUser`. */
  operation: string;
}

async function attempt(service: JsonService, request: Request, payload: string, timeoutMs: number): Promise<unknown> {
  const url = new URL(`${endpoint(service).replace(/\/$/, '')}${request.path}`);
  const headers = authorized({
    method: 'POST', url, query: {}, at: new Date(), creds: environmentCredentials(), region: region(), service: service.signingName,
    payloadHash: createHash('sha256').update(payload, 'utf8').digest('hex'),
    headers: request.headers,
  });
  const res = await fetch(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = undefined;
  }
  if (res.ok) return body ?? {};
  const b = (body ?? {}) as { message?: unknown; Message?: unknown };
  const code = errorCode(res.headers.get('x-amzn-errortype'), body) ?? (res.status >= 500 ? 'InternalFailure' : 'UnknownError');
  const message = typeof b.message === 'string' ? b.message : typeof b.Message === 'string' ? b.Message : `${service.endpointPrefix} ${request.operation} answered ${res.status}`;
  throw Object.assign(new Error(message), {
    name: code, $metadata: { httpStatusCode: res.status }, $fault: res.status >= 500 ? 'server' : 'client',
  }) as AwsError;
}

async function withRetries(service: JsonService, request: Request, input: object, options: CallOptions): Promise<unknown> {
  const { timeoutMs = 3000, attempts = 3 } = options;
  const payload = JSON.stringify(input);
  for (let n = 1; ; n++) {
    try {
      return await attempt(service, request, payload, timeoutMs);
    } catch (error) {
      if (n >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** (n - 1)));
    }
  }
}

/** `operation` of `service` with `input`: its JSON answer, or the service's error thrown. */
export const callJson = (service: JsonService, operation: string, input: object, options: CallOptions = {}): Promise<unknown> =>
  withRetries(service, {
    path: '/', operation,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${service.targetPrefix}.${operation}` },
  }, input, options);

/**
 * A REST-JSON operation that POSTs `input` to `path` (e.g. SES v2's SendEmail,
 * `/v2/email/outbound-emails`): its JSON answer, or the service's error thrown. The path is
 * signed as given: pass one with nothing that URI-encoding would change.
 */
export const postRestJson = (service: JsonService, operation: string, path: string, input: object, options: CallOptions = {}): Promise<unknown> =>
  withRetries(service, { path, operation, headers: { 'content-type': 'application/json' } }, input, options);
