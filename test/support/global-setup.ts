/** One DynamoDB Local for the whole test run; each test file makes its own table in it. */
import type { TestProject } from 'vitest/node';
import { startDynamo, type LocalDynamo } from '#infra/local/dynamodb.ts';

let dynamo: LocalDynamo | undefined;

export async function setup(project: TestProject) {
  dynamo = await startDynamo();
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
