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
export const strongIdentificationRequired = (detail = 'This matter accepts participation only with strong identification.') =>
  new Problem(403, 'strong-identification-required', 'Strong identification required', detail);
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
export const idempotencyInProgress = (retryAfterSeconds: number) =>
  new Problem(409, 'idempotency-in-progress', 'Request in progress',
    'A request with this Idempotency-Key is still being processed; retry after the lease shown in Retry-After.', {},
    { 'Retry-After': String(Math.max(1, retryAfterSeconds)) });
export const serviceUnavailable = (retryAfterSeconds = 2) =>
  new Problem(503, 'service-unavailable', 'Service unavailable',
    'A service this request needs is unavailable or too slow right now. Retry later; a retried write with the same Idempotency-Key is stored once.',
    {}, { 'Retry-After': String(retryAfterSeconds) });
export const tokenRevoked = () =>
  new Problem(401, 'unauthorized', 'Unauthorized', 'This token was issued before its account was erased.', {}, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

// Exports.
export const exportTooLargeProblem = (comments: number, bytes: number, jobRoute: string) =>
  new Problem(409, 'export-too-large', 'Export too large',
    `One answer carries at most ${comments} comments or ${bytes / 1024 / 1024} MB; start an export job with POST ${jobRoute} and download the file it makes.`,
    { exportJob: jobRoute });

// Meetings, agendas and decisions.
export const agendaAlreadyPublished = () =>
  conflict('already-published', 'Already published', 'This agenda has already been published; correct it with PUT instead.');
export const agendaNotPublished = () =>
  conflict('agenda-not-published', 'Agenda not published', 'Decisions are recorded on items of a published agenda.');
export const agendaItemDecided = (itemIds: string[]) =>
  new Problem(409, 'agenda-item-decided', 'Agenda item decided', 'A decided agenda item stays on the agenda: keep it by sending its id.', {
    errors: itemIds.map((id) => ({ path: 'body.items', message: `item ${id} has a decision` })),
  });
export const decisionExists = (decisionId: string) =>
  new Problem(409, 'decision-exists', 'Decision exists', 'This agenda item has a decision already.', { decisionId });
export const meetingCancelled = () =>
  conflict('meeting-cancelled', 'Meeting cancelled', 'A cancelled meeting takes no decisions.');
export const agendaTooLarge = (bytes: number, limit: number) =>
  new Problem(422, 'agenda-too-large', 'Agenda too large',
    `The agenda would take ${bytes} bytes; one meeting's agenda holds at most ${limit}. Move long texts into fewer items or shorter summaries.`);
export const ahjoUnmappable = (errors: FieldError[], what: 'meeting' | 'case' | 'decision' = 'meeting') =>
  new Problem(422, 'ahjo-unmappable', 'Ahjo record cannot be imported',
    `The ${what} lacks what every ${what} needs, or names what is not here; nothing was imported. See errors.`, { errors });

// Participation integrity: ballots, flags and moderation.
export const invalidPoll = (errors: FieldError[]) =>
  new Problem(422, 'invalid-poll', 'Poll cannot be created', errors.map((e) => e.message).join('; '), { errors });
export const invalidBallot = (errors: FieldError[]) =>
  new Problem(422, 'invalid-ballot', 'Ballot does not fit the poll', 'Choose distinct options of this poll, as many as it allows.', { errors });
export const alreadyFlagged = () =>
  conflict('already-flagged', 'Already flagged', 'You have already flagged this comment; one flag per person.');
export const commentNotVisible = () =>
  conflict('comment-not-visible', 'Comment not visible', 'This is possible only on a visible comment.');
export const ballotFinal = () =>
  conflict('ballot-final', 'Ballot is final',
    'Your ballot in this poll was kept, unlinked from you, when your data was erased; it still counts and cannot be changed.');
export const commentNotHidden = () =>
  conflict('comment-not-hidden', 'Comment not hidden', 'Only a hidden comment can be restored.');
export const nothingToReview = () =>
  conflict('nothing-to-review', 'Nothing to review', 'This comment has no flags awaiting review.');

// Maps and attachments.
export const invalidGeometry = (errors: FieldError[]) =>
  new Problem(422, 'invalid-geometry', 'Geometry is not valid',
    'A geometry must be GeoJSON (RFC 7946) of an accepted type, in longitude/latitude within range, rings closed, within its position limit. See errors.',
    { errors });
export const attachmentRejected = (detail: string, errors: FieldError[] = []) =>
  new Problem(422, 'attachment-rejected', 'File rejected', `${detail} The stored file was removed; upload it again with a new attachment.`, errors.length ? { errors } : {});
export const uploadMissing = () =>
  conflict('upload-missing', 'Upload missing', 'Nothing has been uploaded to this attachment\'s upload URL yet: PUT the bytes there first.');

// Implementation results.
export const implementationBusy = () =>
  conflict('implementation-busy', 'Results are changing', "Many changes to this decision's results arrived at once; try again.");
