/** Lambda: DynamoDB stream -> domain events on the EventBridge bus (partial batch failures). */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { settings } from '#shared/config.ts';
import { bus } from '#shared/events/bus.ts';
import { publishRecords } from '#shared/events/publisher.ts';
import { logger, traced } from '#shared/observability.ts';

export const handler = middy(async (event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> => {
  const { batchItemFailures, published } = await publishRecords(event.Records, bus(), settings().deploymentName);
  logger.debug('published', { records: event.Records.length, events: published, failedFrom: batchItemFailures[0]?.itemIdentifier });
  return { batchItemFailures };
}).use(injectLambdaContext(logger)).use(traced());
