/**
 * Cognito's own messages (verification codes, password resets, invitations) in the
 * person's language: Finnish and Swedish, English as the fallback of neither. Data, as the
 * notification templates are; `{code}` is Cognito's code placeholder, `{username}` its user-name one.
 */

export type CognitoMessageKind = 'SignUp' | 'ResendCode' | 'ForgotPassword' | 'UpdateUserAttribute' | 'VerifyUserAttribute' | 'AdminCreateUser' | 'Authentication';

interface Texts {
  subject: string;
  body: string;
}

const verify = {
  fi: { subject: 'Vahvista sähköpostiosoitteesi', body: 'Vahvistuskoodisi on {code}. Syötä se palveluun vahvistaaksesi sähköpostiosoitteesi.' },
  sv: { subject: 'Bekräfta din e-postadress', body: 'Din verifieringskod är {code}. Ange den i tjänsten för att bekräfta din e-postadress.' },
  en: { subject: 'Confirm your e-mail address', body: 'Your verification code is {code}. Enter it in the service to confirm your e-mail address.' },
};

export const cognitoMessages: Record<'fi' | 'sv' | 'en', Record<CognitoMessageKind, Texts>> = {
  fi: {
    SignUp: verify.fi, ResendCode: verify.fi, UpdateUserAttribute: verify.fi, VerifyUserAttribute: verify.fi,
    ForgotPassword: { subject: 'Salasanan vaihto', body: 'Koodi salasanasi vaihtamiseen on {code}. Jos et pyytänyt vaihtoa, voit jättää tämän viestin huomiotta.' },
    AdminCreateUser: { subject: 'Tunnuksesi on luotu', body: 'Sinulle on luotu tunnus. Käyttäjätunnus: {username}, väliaikainen salasana: {code}' },
    Authentication: { subject: 'Kirjautumiskoodi', body: 'Kirjautumiskoodisi on {code}.' },
  },
  sv: {
    SignUp: verify.sv, ResendCode: verify.sv, UpdateUserAttribute: verify.sv, VerifyUserAttribute: verify.sv,
    ForgotPassword: { subject: 'Byte av lösenord', body: 'Koden för att byta ditt lösenord är {code}. Om du inte bad om ett byte kan du låta bli att reagera på detta meddelande.' },
    AdminCreateUser: { subject: 'Ditt konto har skapats', body: 'Ett konto har skapats åt dig. Användarnamn: {username}, tillfälligt lösenord: {code}' },
    Authentication: { subject: 'Inloggningskod', body: 'Din inloggningskod är {code}.' },
  },
  en: {
    SignUp: verify.en, ResendCode: verify.en, UpdateUserAttribute: verify.en, VerifyUserAttribute: verify.en,
    ForgotPassword: { subject: 'Changing your password', body: 'Your code for changing your password is {code}. If you did not ask for it, you can ignore this message.' },
    AdminCreateUser: { subject: 'Your account has been created', body: 'An account has been created for you. User name: {username}, temporary password: {code}' },
    Authentication: { subject: 'Your sign-in code', body: 'Your sign-in code is {code}.' },
  },
};

/**
 * The subject and body for one trigger (`CustomMessage_SignUp`, …) in the user's `locale` (else
 * the deployment's language), with Cognito's placeholders put where `{code}` and `{username}` stand.
 */
export function cognitoMessage(triggerSource: string, locale: string | undefined, fallback: string,
  placeholders: { code: string; username: string | null }): { subject: string; body: string } | undefined {
  const kind = triggerSource.replace(/^CustomMessage_/, '') as CognitoMessageKind;
  const lang = [locale?.slice(0, 2).toLowerCase(), fallback].find((l): l is 'fi' | 'sv' | 'en' => l === 'fi' || l === 'sv' || l === 'en') ?? 'en';
  const texts = cognitoMessages[lang][kind];
  if (!texts) return undefined;
  const body = texts.body.replaceAll('{code}', placeholders.code).replaceAll('{username}', placeholders.username ?? '');
  return { subject: texts.subject, body };
}
