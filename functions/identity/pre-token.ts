/** Lambda (Cognito pre token generation, V2): the claims the API reads (shared/identity/claims.ts), in ID and access tokens. */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { list } from '#shared/identity/settings.ts';
import { tokenClaims, type ClaimRules } from '#shared/identity/claims.ts';

const rules = (): ClaimRules => ({
  strongProviders: list(process.env.STRONG_IDENTITY_PROVIDERS),
  personClaim: process.env.STRONG_IDENTITY_CLAIM || 'person',
  language: list(process.env.REQUIRED_LANGUAGES)[0] ?? 'fi',
});

export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  // Lists are claims too in a V2 response (amr is an array); the type says strings only.
  const override = { claimsToAddOrOverride: tokenClaims(event.request.userAttributes, rules()) as unknown as Record<string, string> };
  event.response = { claimsAndScopeOverrideDetails: { idTokenGeneration: override, accessTokenGeneration: override } };
  return event;
};
