/**
 * The raw DynamoDB side of each comparison: a plain document client (no meter, no app
 * code) with the same endpoint and settings, and bench keys for raw writes so they never
 * change the data the routes read.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { RawCommand } from './scenario.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const rawClient = (): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region: process.env.AWS_REGION ?? 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 4,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

/** A key of the bench's own, one partition per scenario. */
export const benchKey = (scenario: string, i: number | string) => ({ pk: `BENCH#${scenario}`, sk: `ITEM#${i}` });

/** Sends `command` as the app would (asking for consumed capacity); returns the capacity units. */
export async function sendRaw(client: DynamoDBDocumentClient, command: RawCommand): Promise<number> {
  const input = command.input as { ReturnConsumedCapacity?: string };
  input.ReturnConsumedCapacity ??= 'TOTAL';
  const out = (await (client.send as (c: RawCommand) => Promise<{ ConsumedCapacity?: unknown }>)(command)) ?? {};
  const list = (Array.isArray(out.ConsumedCapacity) ? out.ConsumedCapacity : out.ConsumedCapacity ? [out.ConsumedCapacity] : []) as {
    CapacityUnits?: number;
  }[];
  return list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
}

/** A readable name of the call's shape, e.g. `Query gsi1 Limit 20` or `TransactWrite Update+Put`. */
export function shapeOf(command: RawCommand): string {
  const name = command.constructor.name.replace(/Command$/, '');
  const input = command.input as { IndexName?: string; Limit?: number; TransactItems?: TransactItem[] };
  if (name === 'Query') return `Query ${input.IndexName ?? 'table'}${input.Limit ? ` Limit ${input.Limit}` : ''}`;
  if (name === 'TransactWrite') return `TransactWrite ${(input.TransactItems ?? []).map((t) => Object.keys(t)[0]).join('+')}`;
  return { Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' }[name] ?? name;
}
