/**
 * The yardstick Lambda: nothing but @aws-sdk/client-dynamodb doing one GetItem, with the
 * client set up as the app's (endpoint override, retries). Bundled like every function.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  ...(endpoint
    ? { endpoint, region: process.env.AWS_REGION ?? 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
  maxAttempts: 4,
});

export const handler = async (event: { pk: string; sk: string }) => {
  const out = await client.send(new GetItemCommand({
    TableName: process.env.TABLE_NAME,
    Key: { pk: { S: event.pk }, sk: { S: event.sk } },
    ReturnConsumedCapacity: 'TOTAL',
  }));
  return { statusCode: out.Item ? 200 : 404 };
};
