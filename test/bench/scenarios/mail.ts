/** Bench scenarios of e-mail preferences and one-click unsubscribe. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { unsubscribeToken } from '#shared/mail/unsubscribe.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Scenario, type User } from '../scenario.ts';
import { voter } from '../fixtures.ts';

const chooser: User = { sub: 'bench-preferences', name: 'Valitsija' };
const preferencesKey = (sub: string) => ({ pk: `PREFERENCES#${sub}`, sk: 'PREFERENCES' });

export const mailScenarios: Record<string, Scenario> = {
  getPreferences: scenario({
    prepare: async (bench) => {
      await bench.call({ method: 'PUT', path: '/v1/me/preferences', as: chooser, body: { language: 'sv', email: 'off' } }, 200);
    },
    request: () => ({ method: 'GET', path: '/v1/me/preferences', as: chooser }),
    expect: 200,
    raw: () => new GetCommand({ TableName: tableName(), Key: preferencesKey(chooser.sub), ConsistentRead: true }),
  }),
  putPreferences: scenario({
    prepare: async () => undefined,
    request: (_bench, _state, i) => ({ method: 'PUT', path: '/v1/me/preferences', as: voter(i), body: { language: 'fi', email: 'off' } }),
    expect: 200,
    raw: (_state, i) => new PutCommand({ TableName: tableName(), Item: { ...benchKey('putPreferences', String(i)), type: 'bench', language: 'fi', email: 'off' } }),
  }),
  unsubscribe: scenario({
    prepare: async (bench) => {
      await bench.call({ method: 'PUT', path: '/v1/me/preferences', as: chooser, body: { language: 'sv', email: 'off' } }, 200);
      return unsubscribeToken(chooser.sub);
    },
    request: (_bench, token: string) => ({
      method: 'POST', path: `/v1/unsubscribe/${token}`, body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    expect: 200,
    raw: () => new UpdateCommand({
      TableName: tableName(), Key: preferencesKey(chooser.sub), UpdateExpression: 'SET email = :off',
      ExpressionAttributeValues: { ':off': 'off' },
    }),
  }),
};
