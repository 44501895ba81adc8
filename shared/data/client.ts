/**
 * The one DynamoDB document client every repository uses. It asks DynamoDB for the
 * consumed capacity of every call and records calls and capacity in the meter.
 * Every call is bounded: a frozen or unreachable database costs a few seconds (timeouts
 * and jittered retries well below the function timeout), then `unavailable()` tells the
 * HTTP edge to answer 503 instead of hanging until the platform kills the function.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { meter } from '#shared/data/meter.ts';
import { checkWriteScope } from '#shared/data/write-scope.ts';
import { tracer } from '#shared/observability.ts';

const capacityCommands = new Set([
  'GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'QueryCommand',
  'BatchGetItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand', 'TransactGetItemsCommand',
]);

const createClient = (): DynamoDBDocumentClient => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const base = new DynamoDBClient({
    ...(endpoint
      ? { endpoint, region: process.env.AWS_REGION ?? 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    // Worst case about 3 x 2 s + backoff: under the 10 s a client waits for an answer.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: Math.ceil(timeoutMs() / 2), requestTimeout: timeoutMs(), throwOnRequestTimeout: true },
  });
  tracer.captureAWSv3Client(base); // adds its middleware in place; a no-op outside Lambda
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'Unknown';
      const input = args.input as Record<string, unknown>;
      checkWriteScope(command, input);
      if (capacityCommands.has(command) && input.ReturnConsumedCapacity === undefined) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      meter.record(command, (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      return result;
    },
    { step: 'initialize', name: 'consumedCapacityMeter' },
  );
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
};

/** Per-call timeout; DYNAMODB_TIMEOUT_MS overrides it (the fault tests shorten it). */
function timeoutMs(): number {
  const n = Number(process.env.DYNAMODB_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 ? n : 2000;
}

const unavailableCodes = new Set([
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ProvisionedThroughputExceededException',
  'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'InternalServerError', 'ServiceUnavailable', 'LimitExceededException',
  'TransactionInProgressException', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENOTFOUND', 'EAI_AGAIN', 'AbortError',
]);

/**
 * True when `error` says the database (or the network to it) is down, throttled or too slow,
 * rather than that the request was wrong: the caller may retry later. Also for the other AWS
 * services a function calls (Cognito's throttling is TooManyRequestsException, or a 429).
 */
export function unavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (unavailableCodes.has(e.name ?? '') || unavailableCodes.has(e.code ?? '')) return true;
  // A transaction that kept losing to others (after transact's retries) or was throttled.
  const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if (e.name === 'TransactionCanceledException' && reasons?.some((r) => /Conflict|Throttl|ProvisionedThroughput/.test(r.Code ?? ''))) {
    return !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return e.cause !== undefined && e.cause !== error && unavailable(e.cause);
}

let client: DynamoDBDocumentClient | undefined;

/** The shared document client, created on first use so tests can set the endpoint first. */
export const db = (): DynamoDBDocumentClient => (client ??= createClient());
