/**
 * Who is calling, read from the claims that the platform's authorizer put on the event.
 * Handlers never parse tokens: in AWS, API Gateway's JWT authorizer (protected routes) or
 * the optional-token Lambda authorizer (public routes that personalise) verified them.
 * Only the claims Cognito itself issues count: groups from `cognito:groups`, strong
 * identification from `amr` containing `strong` or from the claim the deployment's own
 * pre-token trigger sets (`identification: "strong"`, ../identity/claims.ts: Cognito reserves
 * `amr`); a token's own `groups` or `strong` claims mean nothing.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { strongClaim } from '#shared/identity/claims.ts';

export interface Actor {
  sub: string;
  name: string;
  groups: string[];
  /** Strongly identified (e.g. Suomi.fi): `amr` contains `strong`, or the trigger's claim says so. */
  strong: boolean;
  /** The strong identity's stable subject (the deployment's person claim), when strongly identified. */
  person?: string;
  /** The token's `iat`, seconds: tokens issued before an erasure are refused. */
  issuedAt?: number;
  /** The identity provider's user name (`cognito:username`), where it differs from `sub`. */
  username?: string;
  /** The token's `email`, only when `email_verified` is true: the one address e-mail may go to. */
  email?: string;
}

export const isStaff = (a: Actor | undefined): boolean => !!a && (a.groups.includes('staff') || a.groups.includes('admin'));
export const isModerator = (a: Actor | undefined): boolean =>
  !!a && (a.groups.includes('moderator') || a.groups.includes('admin'));

/** The claim naming the strong identity's stable subject (STRONG_IDENTITY_CLAIM, default `person`). */
export const personClaim = (): string => process.env.STRONG_IDENTITY_CLAIM || 'person';

/**
 * A list claim as API Gateway's JWT authorizer hands it on: a real array, or flattened to
 * "[a b]". Only spaces separate (Cognito group names cannot contain whitespace), so a
 * group called "x,moderator" stays one group and never becomes `moderator`.
 */
export const claimList = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string' || value === '') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(' ').filter(Boolean);
};

type Claims = Record<string, unknown>;

const seconds = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Clock skew allowed between the identity provider and us. */
const skewSeconds = 60;

/**
 * The checks a signature does not make: the token expires (`exp`), was not issued in the
 * future (`iat`), and is an ID or access token, never a refresh token (`token_use`).
 * API Gateway's JWT authorizer checks `exp` but none of the others, so they run here too.
 */
export const claimsAcceptable = (claims: Claims, nowSeconds = Math.floor(Date.now() / 1000)): boolean => {
  const exp = seconds(claims.exp);
  const iat = seconds(claims.iat);
  return exp !== undefined && exp > nowSeconds - skewSeconds && iat !== undefined && iat <= nowSeconds + skewSeconds &&
    (claims.token_use === 'id' || claims.token_use === 'access');
};

/** The caller from a verified token's claims (API Gateway's JWT authorizer, or the local one). */
export const actorFromClaims = (claims: Claims | undefined): Actor | undefined => {
  const sub = text(claims?.sub);
  if (!sub || !claims) return undefined;
  const strong = claimList(claims.amr).includes('strong') || claims[strongClaim] === 'strong';
  const person = strong ? text(claims[personClaim()]) : undefined;
  const username = text(claims['cognito:username']) ?? text(claims.username);
  // API Gateway hands booleans on as strings.
  const email = claims.email_verified === true || claims.email_verified === 'true' ? text(claims.email) : undefined;
  return {
    sub,
    ...(username ? { username } : {}),
    ...(email ? { email } : {}),
    name: text(claims.name) ?? 'Resident',
    groups: claimList(claims['cognito:groups']),
    strong,
    ...(person ? { person } : {}),
    ...(seconds(claims.iat) !== undefined ? { issuedAt: seconds(claims.iat) } : {}),
  };
};

/**
 * What the optional-token authorizer hands on as its context (strings only): the same
 * caller, with the lists JSON-encoded. Both authorizers (AWS and local) build it here.
 */
export const authorizerContext = (claims: Claims): Record<string, string> => {
  const actor = actorFromClaims(claims);
  if (!actor) return { tokenError: 'invalid' };
  return {
    sub: actor.sub,
    name: actor.name,
    groups: JSON.stringify(actor.groups),
    strong: String(actor.strong),
    ...(actor.person ? { person: actor.person } : {}),
    ...(actor.issuedAt !== undefined ? { iat: String(actor.issuedAt) } : {}),
  };
};

/** The caller from the optional-token authorizer's context. */
const actorFromContext = (context: Claims | undefined): Actor | undefined => {
  const sub = text(context?.sub);
  if (!sub || !context) return undefined;
  let groups: string[] = [];
  try {
    const parsed = JSON.parse(String(context.groups ?? '[]')) as unknown;
    groups = Array.isArray(parsed) ? parsed.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    groups = [];
  }
  const person = text(context.person);
  return {
    sub,
    name: text(context.name) ?? 'Resident',
    groups,
    strong: context.strong === 'true' || context.strong === true,
    ...(person ? { person } : {}),
    ...(seconds(context.iat) !== undefined ? { issuedAt: seconds(context.iat) } : {}),
  };
};

interface AuthorizerContext {
  jwt?: { claims?: Claims };
  lambda?: Claims & { tokenError?: string };
}

/** The verified caller, `undefined` when anonymous. */
export const actorOf = (event: APIGatewayProxyEventV2): Actor | undefined => {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerContext }).authorizer;
  if (authorizer?.jwt) {
    const claims = authorizer.jwt.claims;
    return claims && claimsAcceptable(claims) ? actorFromClaims(claims) : undefined;
  }
  return actorFromContext(authorizer?.lambda);
};

/** True when a token was sent on an optional-auth route but did not verify. */
export const tokenRejected = (event: APIGatewayProxyEventV2): boolean => {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerContext }).authorizer;
  return typeof authorizer?.lambda?.tokenError === 'string' && authorizer.lambda.tokenError !== '';
};
