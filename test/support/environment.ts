/** Per test file: its worker's DynamoDB Local and the shared S3 server, a table and a bucket of the file's own, a secret, quiet logs. */
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { localClient } from '#infra/local/dynamodb.ts';

const endpoints = inject('dynamoEndpoints');
// Workers are numbered from 1 (VITEST_POOL_ID); each has a database of its own.
process.env.DYNAMODB_ENDPOINT = endpoints[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % endpoints.length];
process.env.TABLE_NAME = `test-${randomBytes(6).toString('hex')}`;
process.env.S3_ENDPOINT = inject('s3Endpoint');
process.env.BUCKET_NAME = `test-${randomBytes(6).toString('hex')}`;
process.env.APP_SECRET = randomBytes(32).toString('base64url');
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.AWS_REGION = 'eu-north-1';
// Many test files share one DynamoDB Local on two cores: a slow call here is load, not an
// outage (the connection timeout, half of this, also counts the wait for a free socket). It
// stays under the 30 s the local runtime gives each invocation, as Lambda's timeout would.
// The fault tests start their own database and set short timeouts themselves.
process.env.DYNAMODB_TIMEOUT_MS ??= '20000';

// The shared DynamoDB Local keeps every table in memory: drop this file's when it is done
// (after the file's own hooks), so a long run does not grow the database it runs on.
afterAll(async () => {
  const client = localClient(process.env.DYNAMODB_ENDPOINT!);
  await client.send(new DeleteTableCommand({ TableName: process.env.TABLE_NAME })).catch(() => undefined);
  client.destroy();
});
