import { describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { decisionKey } from '#shared/decisions/repository.ts';
import { Problem } from '#shared/http/problem.ts';
import { createResult } from '#shared/results/repository.ts';
import { useLocalApi } from '../support/local.ts';
import { recordedDecision } from '../support/fixtures.ts';

const api = useLocalApi();

describe('the results repository', () => {
  it('gives up with 409 implementation-busy when another change gets in first every time', async () => {
    // Prepare: another writer (its own client) changes the decision's results just before
    // each of this change's transactions, as a storm of concurrent reports would.
    const { decisionId } = await recordedDecision(api);
    const other = DynamoDBDocumentClient.from(new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }));
    let interruptions = 0;
    db().middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        interruptions++;
        await other.send(new UpdateCommand({
          TableName: tableName(), Key: decisionKey(decisionId), UpdateExpression: 'ADD resultsVersion :one', ExpressionAttributeValues: { ':one': 1 },
        }));
      }
      return next(args);
    }, { step: 'initialize', name: 'competingWriter' });
    try {
      // Act
      const outcome = await createResult(decisionId, { title: { fi: 'Kiistelty' }, weight: 1 }, new Date(), () => undefined)
        .then(() => undefined, (error: unknown) => error);
      // Assess
      expect(outcome).toBeInstanceOf(Problem);
      expect((outcome as Problem).toJSON()).toMatchObject({ status: 409, type: expect.stringMatching(/\/implementation-busy$/) });
      expect(interruptions).toBe(25);
    } finally {
      db().middlewareStack.remove('competingWriter');
      other.destroy();
    }
    expect((await api.request('GET', `/v1/decisions/${decisionId}/results`)).body.items).toEqual([]);
    expect((await api.request('GET', `/v1/decisions/${decisionId}/timeline`)).body.items).toEqual([]);
  });
});
