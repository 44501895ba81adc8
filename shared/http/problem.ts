/**
 * The error vocabulary of the API: every error a client can cause has a name, a status
 * and an RFC 9457 problem type. Anything else is answered as a bare 500.
 */
import { settings } from '#shared/config.ts';

export interface FieldError {
  path: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toJSON(): Record<string, unknown> {
    return {
      type: `${settings().problemBase}/${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, 'bad-request', 'Bad request', detail, errors ? { errors } : {});
export const invalidCursor = () =>
  new Problem(400, 'invalid-cursor', 'Invalid cursor', 'The cursor is not one this list issued.');
export const validationFailed = (errors: FieldError[], status = 400) =>
  new Problem(status, 'validation-failed', 'Request is not valid', 'See errors for each field.', { errors });
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new Problem(422, 'unprocessable', 'Request cannot be carried out', detail, errors ? { errors } : {});
export const missingLanguages = (missing: { path: string; languages: string[] }[]) =>
  new Problem(422, 'missing-languages', 'Required languages are missing',
    `Publishing needs every required language: ${[...new Set(missing.flatMap((m) => m.languages))].join(', ')}.`,
    { missing, errors: missing.map((m) => ({ path: m.path, message: `missing ${m.languages.join(', ')}` })) });
export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new Problem(401, 'unauthorized', 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail = 'You may not do this.') => new Problem(403, 'forbidden', 'Forbidden', detail);
export const strongIdentificationRequired = () =>
  new Problem(403, 'strong-identification-required', 'Strong identification required',
    'This matter accepts participation only with strong identification.');
export const notFound = (what = 'Resource') => new Problem(404, 'not-found', 'Not found', `${what} was not found.`);
export const methodNotAllowed = (allow: string[]) =>
  new Problem(405, 'method-not-allowed', 'Method not allowed', `Allowed: ${allow.join(', ')}.`, {}, { Allow: allow.join(', ') });
export const conflict = (slug: string, title: string, detail: string) => new Problem(409, slug, title, detail);
export const participationClosed = () =>
  conflict('participation-closed', 'Participation is closed', 'This matter is not open for participation.');
export const preconditionFailed = (current?: number) =>
  new Problem(412, 'precondition-failed', 'Precondition failed',
    'The resource has changed since you read it; fetch it again.', current ? { currentVersion: current } : {});
export const preconditionRequired = () =>
  new Problem(428, 'precondition-required', 'Precondition required', 'Send If-Match with the version you edited.');
export const payloadTooLarge = (limit: number) =>
  new Problem(413, 'payload-too-large', 'Payload too large', `The body must be at most ${limit} bytes.`);
export const unsupportedMediaType = () =>
  new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json.');
export const tooManyRequests = (retryAfterSeconds: number) =>
  new Problem(429, 'rate-limited', 'Too many requests', 'Try again later.', {}, { 'Retry-After': String(retryAfterSeconds) });
export const idempotencyKeyReused = () =>
  new Problem(422, 'idempotency-key-reused', 'Idempotency key reused', 'This Idempotency-Key was used with another request.');
export const idempotencyInProgress = () =>
  conflict('idempotency-in-progress', 'Request in progress', 'A request with this Idempotency-Key is still being processed.');
