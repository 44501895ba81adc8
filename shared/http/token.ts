/**
 * Verifying bearer tokens where the platform asks us to: the optional-token Lambda
 * authorizer in AWS (Cognito's JWKS) and the local runtime's authorizer (its own key).
 * Handlers never call this; they read the claims the authorizer left on the event.
 */
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey, type CryptoKey, type KeyObject } from 'jose';

export interface Verifier {
  key: JWTVerifyGetKey | CryptoKey | KeyObject;
  issuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens). */
  audience?: string;
}

export const bearer = (authorization: string | undefined): string | undefined => {
  const m = /^Bearer\s+([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
};

/** The verified claims, or `undefined` when the token is not valid (signature, expiry, issuer, audience). */
export async function verifyToken(token: string, v: Verifier): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, v.key as CryptoKey, { issuer: v.issuer, clockTolerance: 5 });
    if (v.audience && payload.aud !== v.audience && payload.client_id !== v.audience) return undefined;
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
