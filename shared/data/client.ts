/**
 * The one DynamoDB document client every repository uses. It asks DynamoDB for the
 * consumed capacity of every call and records calls and capacity in the meter.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { meter } from '#shared/data/meter.ts';
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
    maxAttempts: 4,
  });
  tracer.captureAWSv3Client(base); // adds its middleware in place; a no-op outside Lambda
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'Unknown';
      const input = args.input as Record<string, unknown>;
      if (capacityCommands.has(command) && input.ReturnConsumedCapacity === undefined) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      meter.record(command, (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      return result;
    },
    { step: 'initialize', name: 'consumedCapacityMeter' },
  );
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
};

let client: DynamoDBDocumentClient | undefined;

/** The shared document client, created on first use so tests can set the endpoint first. */
export const db = (): DynamoDBDocumentClient => (client ??= createClient());
