/**
 * Deployment settings, read from the environment once per cold start.
 * The CDK stack and the local runtime set the same variables.
 */

const list = (value: string | undefined, fallback: string[]): string[] =>
  value ? value.split(',').map((s) => s.trim()).filter(Boolean) : fallback;

const int = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export interface Settings {
  /** Name of the deployment; the `source` of domain events. */
  deploymentName: string;
  /** Languages that must all be present before something is published. */
  requiredLanguages: string[];
  /** Languages a localized text may carry at all. */
  supportedLanguages: string[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Base URI of problem types in error responses. */
  problemBase: string;
  /** Counter shards per poll: ballot transactions spread over this many items (fixed per poll at creation). */
  pollCounterShards: number;
  /** Anonymous comments one client address may post on one draft per window. */
  anonymousCommentLimit: number;
  /** Length of the anonymous-comment rate-limit window, in seconds. */
  anonymousCommentWindowSeconds: number;
  /** Hide a comment automatically (pending review) after this many flags from distinct users; 0 = never. */
  autoHideFlags: number;
  /** What erasure does to the person's comments: `tombstone` (status deleted, no body, no author) or `remove`. */
  commentErasure: 'tombstone' | 'remove';
  /** The API's public address (no trailing slash): links the API builds start here, never at a request's Host. */
  publicBaseUrl: string;
  /** Who e-mail comes from (`Name <address>`): an address of the deployment's verified sending identity. */
  mailFrom: string;
}

export const settings = (): Settings => ({
  deploymentName: process.env.DEPLOYMENT_NAME ?? 'kuntavaikutus',
  requiredLanguages: list(process.env.REQUIRED_LANGUAGES, ['fi']),
  supportedLanguages: list(process.env.SUPPORTED_LANGUAGES, ['fi', 'sv', 'en', 'se', 'smn', 'sms']),
  maxBodyBytes: int(process.env.MAX_BODY_BYTES, 64 * 1024),
  problemBase: process.env.PROBLEM_BASE ?? 'https://kuntavaikutus.fi/problems',
  pollCounterShards: Math.min(int(process.env.POLL_COUNTER_SHARDS, 8), 32),
  anonymousCommentLimit: int(process.env.ANON_COMMENT_LIMIT, 10),
  anonymousCommentWindowSeconds: int(process.env.ANON_COMMENT_WINDOW_SECONDS, 3600),
  autoHideFlags: int(process.env.AUTO_HIDE_FLAGS, 0),
  commentErasure: process.env.COMMENT_ERASURE === 'remove' ? 'remove' : 'tombstone',
  publicBaseUrl: (process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
  mailFrom: process.env.MAIL_FROM ?? 'Kuntavaikutus <no-reply@kuntavaikutus.localhost>',
});
