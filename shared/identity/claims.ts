/**
 * The claims the API reads, as Cognito should issue them (pure; the pre-token-generation
 * trigger applies it): `identification: "strong"` for users federated from a strong identity
 * provider (the deployment names them, e.g. Suomi.fi's; Cognito reserves `amr`, which no
 * trigger may add or change, so its tokens say it in a claim of ours), the stable `person` from that
 * provider's subject (so a second account of the same person is the same person), and a
 * display `name` that is never an id: without one, "Asukas" / "Invånare" / "Resident".
 */

/** One entry of Cognito's `identities` attribute: a provider the user was federated from. */
interface FederatedIdentity {
  providerName?: string;
  userId?: string;
}

export interface ClaimRules {
  /** Cognito names of the identity providers that identify strongly. */
  strongProviders: string[];
  /** The claim naming the strong identity's subject (STRONG_IDENTITY_CLAIM, default `person`). */
  personClaim: string;
  /** The deployment's first required language, for the name of someone nameless. */
  language: string;
}

export const anonymousNames: Record<string, string> = { fi: 'Asukas', sv: 'Invånare', en: 'Resident' };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const identitiesOf = (attribute: string | undefined): FederatedIdentity[] => {
  if (!attribute) return [];
  try {
    const parsed = JSON.parse(attribute) as unknown;
    return Array.isArray(parsed) ? parsed.filter((i): i is FederatedIdentity => !!i && typeof i === 'object') : [];
  } catch {
    return [];
  }
};

/** What a person is called: their name, else given and family name, else "Resident" in their language; never an id. */
export function displayName(attributes: Record<string, string | undefined>, language: string): string {
  const full = attributes.name?.trim() || [attributes.given_name, attributes.family_name].map((s) => s?.trim()).filter(Boolean).join(' ');
  if (full && !uuid.test(full) && full !== attributes.sub) return full.slice(0, 120);
  const lang = (attributes.locale ?? '').slice(0, 2).toLowerCase();
  return anonymousNames[lang] ?? anonymousNames[language] ?? anonymousNames.en!;
}

/**
 * The claim that says a Cognito user is strongly identified: one only the trigger sets (it is
 * not a user attribute, so no user can write it). Tokens from other issuers, like the local
 * runtime's, say it with `amr` containing `strong`, as API.md describes.
 */
export const strongClaim = 'identification';

/** The claims to add to (or override in) a user's ID and access tokens. */
export function tokenClaims(attributes: Record<string, string | undefined>, rules: ClaimRules): Record<string, string | string[]> {
  const strong = identitiesOf(attributes.identities).find((i) => i.providerName && rules.strongProviders.includes(i.providerName) && i.userId);
  return {
    name: displayName(attributes, rules.language),
    ...(strong ? { [strongClaim]: 'strong', [rules.personClaim]: `${strong.providerName}:${strong.userId}` } : {}),
  };
}
