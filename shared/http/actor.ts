/**
 * Who is calling, read from the claims that the platform's authorizer put on the event.
 * Handlers never parse tokens: in AWS, API Gateway's JWT authorizer (protected routes) or
 * the optional-token Lambda authorizer (public routes that personalise) verified them.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface Actor {
  sub: string;
  name: string;
  groups: string[];
  /** Strongly identified (e.g. Suomi.fi): `amr` contains `strong`. */
  strong: boolean;
}

export const isStaff = (a: Actor | undefined): boolean => !!a && (a.groups.includes('staff') || a.groups.includes('admin'));
export const isModerator = (a: Actor | undefined): boolean =>
  !!a && (a.groups.includes('moderator') || a.groups.includes('admin'));

/** API Gateway flattens array claims to "[a b]"; Lambda authorizer context carries "a,b". */
export const claimList = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
};

type Claims = Record<string, unknown>;

export const actorFromClaims = (claims: Claims | undefined): Actor | undefined => {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') return undefined;
  const name = [claims?.name, claims?.['cognito:username'], claims?.username].find((v) => typeof v === 'string');
  return {
    sub,
    name: (name as string | undefined) ?? 'Resident',
    groups: claimList(claims?.['cognito:groups'] ?? claims?.groups),
    strong: claimList(claims?.amr).includes('strong') || claims?.strong === 'true' || claims?.strong === true,
  };
};

interface AuthorizerContext {
  jwt?: { claims?: Claims };
  lambda?: Claims & { tokenError?: string };
}

/** The verified caller, `undefined` when anonymous. */
export const actorOf = (event: APIGatewayProxyEventV2): Actor | undefined => {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerContext }).authorizer;
  return actorFromClaims(authorizer?.jwt?.claims ?? authorizer?.lambda);
};

/** True when a token was sent on an optional-auth route but did not verify. */
export const tokenRejected = (event: APIGatewayProxyEventV2): boolean => {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerContext }).authorizer;
  return typeof authorizer?.lambda?.tokenError === 'string' && authorizer.lambda.tokenError !== '';
};
