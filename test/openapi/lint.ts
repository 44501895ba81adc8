/**
 * Lints an OpenAPI document with Spectral: the `oas` ruleset and the OWASP API security ruleset,
 * less what this API answers otherwise, each with its reason: two rules turned off everywhere,
 * and one rule acknowledged for named parts of the document only (as cdk-nag suppressions are).
 */
import spectralCore from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import rulesets from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';

// CommonJS packages: their named exports are read off the default import.
const { Document, Ruleset, Spectral } = spectralCore;
const { Json } = parsers;
const { oas } = rulesets;

/** OWASP rules turned off, and why: each asks the document to promise what the API does not do. */
export const rulesOff: Record<string, string> = {
  'owasp:api4:2023-rate-limit':
    'Wants RateLimit headers on every 2xx/4xx response. The API\'s limits are API Gateway\'s stage throttling, a token bucket '
    + 'per stage and route, not per client: it sends no RateLimit headers and no function knows a client\'s remaining quota. '
    + 'Documenting them would mislead clients; 429 (with Retry-After for the API\'s own limits) is documented on every operation.',
  'owasp:api8:2023-define-cors-origin':
    'Wants Access-Control-Allow-Origin on every response that documents headers. No function sends it and the local runtime '
    + 'does not either; browser access is the HTTP API\'s CORS setting in the deployment, answered by API Gateway itself for '
    + 'the origins it allows, so it is not part of this contract.',
};

export interface Acknowledgement {
  /** JSON pointer into the document: the rule is off there and wherever that schema is used. */
  pointer: string;
  rule: string;
  reason: string;
}

/** Rules acknowledged for one part of the document only. */
export const acknowledged: Acknowledgement[] = [
  {
    pointer: '/components/schemas/MyDataExport',
    rule: 'owasp:api4:2023-array-limit',
    reason: 'GET /v1/me/export answers everything stored about the caller (their right of access): its lists are as long '
      + 'as the caller\'s history, and a cap would withhold data they have a right to see.',
  },
  {
    pointer: '/components/schemas/DraftExport',
    rule: 'owasp:api4:2023-array-limit',
    reason: 'The staff export carries every comment and poll of a draft by contract (what a case preparer attaches to the '
      + 'decision proposal); a busy draft has as many comments as residents wrote.',
  },
  ...['owasp:api2:2023-no-credentials-in-url', 'owasp:api2:2023-write-restricted'].map((rule) => ({
    pointer: '/paths/~1v1~1unsubscribe~1%7Btoken%7D/post',
    rule,
    reason: 'RFC 8058 one-click unsubscribe: List-Unsubscribe names one https URI that a mail client POSTs to without any '
      + 'login, so the route is public and its token lives in the path, by standard. The token is no credential of the API: '
      + 'sealed for this purpose only, it names one person and can do nothing but turn their e-mail off.',
  })),
];

export interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  path: string;
}

const severities = ['error', 'warning', 'info', 'hint'] as const;
// Spectral matches pointer overrides by file path, so the in-memory document and ruleset get nominal ones.
const rulesetSource = '/openapi/.spectral.json';
const documentSource = '/openapi/openapi.json';

const owaspRuleset = () => ({
  extends: [[oas, 'recommended'], [owasp, 'recommended']],
  rules: Object.fromEntries(Object.keys(rulesOff).map((code) => [code, 'off'])),
  overrides: acknowledged.map((a) => ({ files: [`openapi.json#${a.pointer}`], rules: { [a.rule]: 'off' } })),
});

/** Spectral's findings on `document`; `owasp: false` lints it as OpenAPI only. */
export async function lint(document: object, options: { owasp?: boolean } = {}): Promise<Finding[]> {
  const spectral = new Spectral();
  const definition = options.owasp === false ? { extends: [[oas, 'recommended']] } : owaspRuleset();
  spectral.setRuleset(new Ruleset(definition as never, { source: rulesetSource }));
  const results = await spectral.run(new Document(JSON.stringify(document, null, 2), Json, documentSource));
  return results.map((r) => ({
    code: String(r.code),
    severity: severities[r.severity] ?? 'hint',
    message: r.message,
    path: r.path.join('.'),
  }));
}
