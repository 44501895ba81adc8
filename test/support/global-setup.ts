/** One DynamoDB Local and one S3-compatible server for the whole test run; each test file makes its own table and bucket in them. */
import type { TestProject } from 'vitest/node';
import { startDynamo, type LocalDynamo } from '#infra/local/dynamodb.ts';
import { startS3, type LocalS3 } from '#infra/local/s3.ts';

let dynamo: LocalDynamo | undefined;
let s3: LocalS3 | undefined;

export async function setup(project: TestProject) {
  [dynamo, s3] = await Promise.all([startDynamo(), startS3()]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
}

export async function teardown() {
  await Promise.all([dynamo?.stop(), s3?.stop()]);
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}
