/**
 * Lambda authorizer for routes where a token is optional (public reads that staff see more
 * of, anonymous commenting): it always lets the request through, with the verified claims
 * when a valid Cognito token was sent, or `tokenError` when an invalid one was.
 */
import { createRemoteJWKSet } from 'jose';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { optionalTokenContext } from '#shared/http/token.ts';

const issuer = process.env.TOKEN_ISSUER ?? '';
const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));

type Context = Record<string, string>;

export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerWithContextResult<Context>> => ({
  isAuthorized: true,
  context: await optionalTokenContext(event.headers?.authorization ?? event.headers?.Authorization, {
    key: jwks, issuer, audience: process.env.TOKEN_AUDIENCE,
  }),
});
