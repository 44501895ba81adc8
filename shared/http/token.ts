/**
 * Verifying bearer tokens where the platform asks us to: the optional-token Lambda
 * authorizer in AWS (Cognito's JWKS) and the local runtime's authorizer (its own key).
 * Handlers never call this; they read the claims the authorizer left on the event.
 */
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey, type CryptoKey, type KeyObject } from 'jose';
import { authorizerContext, claimsAcceptable } from '#shared/http/actor.ts';

export interface Verifier {
  /** A key set (`kid` chooses the key, an unknown one fails) or one key with its `kid`. */
  key: JWTVerifyGetKey | CryptoKey | KeyObject;
  /** With a single key: the only `kid` accepted. */
  kid?: string;
  issuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens). */
  audience?: string;
}

export const bearer = (authorization: string | undefined): string | undefined => {
  const m = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
};

/**
 * The verified claims, or `undefined` when the token is not valid: signature and `kid`,
 * issuer, audience, an `exp` in the future, an `iat` not in the future, an ID or access token.
 */
export async function verifyToken(token: string, v: Verifier): Promise<JWTPayload | undefined> {
  try {
    const key: JWTVerifyGetKey = typeof v.key === 'function'
      ? v.key
      : async (header) => {
          if (v.kid !== undefined && header.kid !== v.kid) throw new Error('unknown kid');
          return v.key as CryptoKey;
        };
    const { payload } = await jwtVerify(token, key, { issuer: v.issuer, clockTolerance: 5, requiredClaims: ['exp', 'iat', 'sub'] });
    if (v.audience && payload.aud !== v.audience && payload.client_id !== v.audience) return undefined;
    if (!claimsAcceptable(payload)) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

/** The claims as API Gateway's JWT authorizer hands them on: strings, arrays as "[a b]". */
export const gatewayClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v)]),
  );

/** What the optional-token authorizer (AWS and local) answers for an Authorization header. */
export async function optionalTokenContext(authorization: string | undefined, v: Verifier): Promise<Record<string, string>> {
  if (!authorization) return {};
  const token = bearer(authorization);
  const claims = token ? await verifyToken(token, v) : undefined;
  return claims ? authorizerContext(claims) : { tokenError: 'invalid' };
}
