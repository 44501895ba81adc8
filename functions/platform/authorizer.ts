/**
 * Lambda authorizer for routes where a token is optional (public reads that staff see more
 * of, anonymous commenting): it always lets the request through, with the verified claims
 * when a valid Cognito token was sent, or `tokenError` when an invalid one was.
 */
import { createRemoteJWKSet } from 'jose';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { bearer, verifyToken } from '#shared/http/token.ts';

const issuer = process.env.TOKEN_ISSUER ?? '';
const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));

type Context = Record<string, string>;

export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerWithContextResult<Context>> => {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  if (!header) return { isAuthorized: true, context: {} };
  const token = bearer(header);
  const claims = token ? await verifyToken(token, { key: jwks, issuer, audience: process.env.TOKEN_AUDIENCE }) : undefined;
  if (!claims?.sub) return { isAuthorized: true, context: { tokenError: 'invalid' } };
  const groups = claims['cognito:groups'];
  const amr = claims.amr;
  return {
    isAuthorized: true,
    context: {
      sub: claims.sub,
      name: String(claims.name ?? claims['cognito:username'] ?? claims.username ?? ''),
      groups: Array.isArray(groups) ? groups.join(',') : '',
      strong: String(Array.isArray(amr) && amr.includes('strong')),
    },
  };
};
