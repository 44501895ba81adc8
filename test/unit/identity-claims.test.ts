/** The claims Cognito issues through the pre-token trigger, and its own messages in Finnish and Swedish. */
import { describe, expect, it } from 'vitest';
import { displayName, tokenClaims, type ClaimRules } from '#shared/identity/claims.ts';
import { cognitoMessage } from '#shared/identity/messages.ts';
import { handler as preToken } from '#functions/identity/pre-token.ts';
import { handler as customMessage } from '#functions/identity/custom-message.ts';

const rules: ClaimRules = { strongProviders: ['SuomiFi'], personClaim: 'person', language: 'fi' };
const federated = (providerName: string, userId: string) => JSON.stringify([{ providerName, providerType: 'SAML', userId, primary: 'true' }]);

describe('token claims', () => {
  it('a user federated from a strong provider gets the strong identification claim (Cognito reserves amr) and the person from the provider\'s subject', () => {
    const claims = tokenClaims({ sub: 'u-1', name: 'Maija Meikäläinen', identities: federated('SuomiFi', 'pairwise-123') }, rules);
    expect(claims).toEqual({ name: 'Maija Meikäläinen', identification: 'strong', person: 'SuomiFi:pairwise-123' });
    expect(claims).not.toHaveProperty('amr');
  });

  it('the same person through a second account is the same person', () => {
    const a = tokenClaims({ sub: 'u-1', identities: federated('SuomiFi', 'pairwise-123') }, rules);
    const b = tokenClaims({ sub: 'u-2', identities: federated('SuomiFi', 'pairwise-123') }, rules);
    expect(a.person).toBe(b.person);
  });

  it('a user of another provider, or of a password, is not strong and has no person', () => {
    expect(tokenClaims({ sub: 'u-1', name: 'G', identities: federated('Google', 'g-1') }, rules)).toEqual({ name: 'G' });
    expect(tokenClaims({ sub: 'u-1', name: 'P' }, rules)).toEqual({ name: 'P' });
    expect(tokenClaims({ sub: 'u-1', name: 'P', identities: 'not json' }, rules)).toEqual({ name: 'P' });
  });

  it('the person claim is the deployment\'s', () => {
    expect(tokenClaims({ sub: 'u', identities: federated('SuomiFi', 'x') }, { ...rules, personClaim: 'nationalPerson' })).toMatchObject({ nationalPerson: 'SuomiFi:x' });
  });
});

describe('display name', () => {
  it('is the name, else given and family name', () => {
    expect(displayName({ name: ' Anna ' }, 'fi')).toBe('Anna');
    expect(displayName({ given_name: 'Anna', family_name: 'Andersson' }, 'fi')).toBe('Anna Andersson');
  });

  it('is never an id: without a name, "Asukas", "Invånare" or "Resident" by the user\'s locale, else the deployment\'s language', () => {
    expect(displayName({ sub: 'u-1', name: '0b8f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b' }, 'fi')).toBe('Asukas');
    expect(displayName({ sub: 'u-1', name: 'u-1' }, 'fi')).toBe('Asukas');
    expect(displayName({ locale: 'sv-FI' }, 'fi')).toBe('Invånare');
    expect(displayName({ locale: 'en' }, 'fi')).toBe('Resident');
    expect(displayName({}, 'sv')).toBe('Invånare');
  });
});

describe('the pre-token trigger', () => {
  it('puts the claims in both the ID and the access token', async () => {
    process.env.STRONG_IDENTITY_PROVIDERS = 'SuomiFi';
    const event = { triggerSource: 'TokenGeneration_HostedAuth', request: { userAttributes: { sub: 'u', identities: federated('SuomiFi', 'p') }, groupConfiguration: {} }, response: {} };
    const out = await preToken(event as never);
    const expected = { claimsToAddOrOverride: { name: 'Asukas', identification: 'strong', person: 'SuomiFi:p' } };
    expect(out.response.claimsAndScopeOverrideDetails).toEqual({ idTokenGeneration: expected, accessTokenGeneration: expected });
  });
});

describe('Cognito\'s messages', () => {
  it('are in Finnish or Swedish by the user\'s locale, with Cognito\'s code placeholder kept', () => {
    expect(cognitoMessage('CustomMessage_SignUp', 'sv', 'fi', { code: '{####}', username: null })).toEqual({
      subject: 'Bekräfta din e-postadress', body: 'Din verifieringskod är {####}. Ange den i tjänsten för att bekräfta din e-postadress.',
    });
    expect(cognitoMessage('CustomMessage_ForgotPassword', undefined, 'fi', { code: '{####}', username: null })!.subject).toBe('Salasanan vaihto');
    expect(cognitoMessage('CustomMessage_AdminCreateUser', 'fi', 'fi', { code: '{####}', username: '{username}' })!.body).toContain('{username}');
  });

  it('are set by the custom message trigger', async () => {
    const event = {
      triggerSource: 'CustomMessage_ForgotPassword',
      request: { userAttributes: { locale: 'sv' }, codeParameter: '{####}', linkParameter: '', usernameParameter: null },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    };
    const out = await customMessage(event as never);
    expect(out.response.emailSubject).toBe('Byte av lösenord');
    expect(out.response.emailMessage).toContain('{####}');
  });
});
