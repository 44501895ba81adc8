/**
 * The person's account at the identity provider: in AWS, erasure signs them out of every
 * device (refresh tokens revoked) and deletes the Cognito user. The local runtime has no
 * user directory (USER_POOL_ID unset); there, as in AWS, the erasure record refuses the
 * person's earlier tokens.
 */
import { AdminDeleteUserCommand, AdminUserGlobalSignOutCommand, CognitoIdentityProviderClient, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';

let client: CognitoIdentityProviderClient | undefined;

export async function deleteAccount(username: string): Promise<void> {
  const pool = process.env.USER_POOL_ID;
  if (!pool) return;
  client ??= new CognitoIdentityProviderClient({ maxAttempts: 3, requestHandler: { connectionTimeout: 1000, requestTimeout: 3000, throwOnRequestTimeout: true } });
  try {
    await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool, Username: username }));
    await client.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: username }));
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error; // erased before: nothing left to delete
  }
}
