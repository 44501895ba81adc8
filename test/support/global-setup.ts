/**
 * The test run's servers: one DynamoDB Local per worker (each file runs in one worker and
 * makes its own table in that worker's database; DynamoDB Local's streams do not stand several
 * stream-reading files at once in one database) and one S3-compatible server for all.
 */
import type { TestProject } from 'vitest/node';
import { startDynamo, type LocalDynamo } from '#infra/local/dynamodb.ts';
import { startS3, type LocalS3 } from '#infra/local/s3.ts';

let dynamos: LocalDynamo[] = [];
let s3: LocalS3 | undefined;

export async function setup(project: TestProject) {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  let started: LocalDynamo[];
  [started, s3] = await Promise.all([Promise.all(Array.from({ length: workers }, () => startDynamo())), startS3()]);
  dynamos = started;
  project.provide('dynamoEndpoints', dynamos.map((d) => d.endpoint));
  project.provide('s3Endpoint', s3.endpoint);
}

export async function teardown() {
  await Promise.all([...dynamos.map((d) => d.stop()), s3?.stop()]);
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoints: string[];
    s3Endpoint: string;
  }
}
