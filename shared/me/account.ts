/**
 * The person's account at the identity provider: in AWS, erasure signs them out of every
 * device (refresh tokens revoked) and deletes the Cognito user. The local runtime has no
 * user directory (USER_POOL_ID unset); there, as in AWS, the erasure record refuses the
 * person's earlier tokens.
 *
 * Two signed calls to Cognito's JSON API rather than its SDK client, which would add
 * some 30 KB to the function: the same two calls, three attempts of at most 3 s each.
 */
import { callJson, isAwsError, type JsonService } from '#shared/storage/aws-json.ts';

const cognito: JsonService = {
  signingName: 'cognito-idp', endpointPrefix: 'cognito-idp', targetPrefix: 'AWSCognitoIdentityProviderService', envId: 'COGNITO_IDENTITY_PROVIDER',
};

export async function deleteAccount(username: string): Promise<void> {
  const pool = process.env.USER_POOL_ID;
  if (!pool) return;
  try {
    await callJson(cognito, 'AdminUserGlobalSignOut', { UserPoolId: pool, Username: username });
    await callJson(cognito, 'AdminDeleteUser', { UserPoolId: pool, Username: username });
  } catch (error) {
    if (!isAwsError(error, 'UserNotFoundException')) throw error; // erased before: nothing left to delete
  }
}
