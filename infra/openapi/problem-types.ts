/**
 * The problem types a client can meet (`type` = `<problem base>/<slug>`), as documented in the
 * OpenAPI document, and the schemas of error bodies. `test/openapi` checks that every slug the
 * code raises (shared/http/problem.ts, `conflict(...)` calls) is listed here, and no other.
 */
import * as z from 'zod';
import { settings } from '#shared/config.ts';

export interface ProblemType {
  slug: string;
  status: number;
  title: string;
  /** When a client gets it. */
  when: string;
}

export const problemTypes: ProblemType[] = [
  { slug: 'bad-request', status: 400, title: 'Bad request', when: 'The body is not JSON (or not UTF-8), a required body is missing, or a header such as `Idempotency-Key` is malformed.' },
  { slug: 'validation-failed', status: 400, title: 'Request is not valid', when: 'Fields of the body or query break the schema; `errors` names each one (`path`, `message`).' },
  { slug: 'invalid-cursor', status: 400, title: 'Invalid cursor', when: 'The `cursor` was not issued by this list: forged, altered or from another list.' },
  { slug: 'unauthorized', status: 401, title: 'Unauthorized', when: 'No bearer token, or one that is not valid (signature, expiry, issuer, audience).' },
  { slug: 'forbidden', status: 403, title: 'Forbidden', when: 'The caller lacks the group the route needs, or the resource is someone else\'s.' },
  { slug: 'strong-identification-required', status: 403, title: 'Strong identification required', when: 'The matter accepts participation only from strongly identified callers (`amr` containing `strong`).' },
  { slug: 'not-found', status: 404, title: 'Not found', when: 'No such resource, or one the caller may not see (an unpublished draft); also an unknown route.' },
  { slug: 'method-not-allowed', status: 405, title: 'Method not allowed', when: 'The path exists but not with this method; `Allow` lists the methods it has.' },
  { slug: 'participation-closed', status: 409, title: 'Participation is closed', when: 'The matter is not open for participation: not yet open, closed, or not taking comments.' },
  { slug: 'already-published', status: 409, title: 'Already published', when: 'The draft or agenda has been published already.' },
  { slug: 'not-published', status: 409, title: 'Not published', when: 'Only a published draft can be closed or withdrawn.' },
  { slug: 'already-closed', status: 409, title: 'Already closed', when: 'Participation has closed already (nor can its deadline move).' },
  { slug: 'already-withdrawn', status: 409, title: 'Already withdrawn', when: 'The draft has been withdrawn already.' },
  { slug: 'already-decided', status: 409, title: 'Already decided', when: 'A decision has been recorded on the draft: it can no longer be withdrawn.' },
  { slug: 'report-not-available', status: 409, title: 'Report not available yet', when: 'The consultation report is public once participation has ended (closed, decided or withdrawn); staff can read it before.' },
  { slug: 'comment-not-visible', status: 409, title: 'Comment not visible', when: 'The comment is deleted or hidden: it takes no edits, replies, votes or flags.' },
  { slug: 'comment-not-hidden', status: 409, title: 'Comment not hidden', when: 'Only a hidden comment can be restored.' },
  { slug: 'already-flagged', status: 409, title: 'Already flagged', when: 'The caller has flagged this comment already: one flag per person.' },
  { slug: 'nothing-to-review', status: 409, title: 'Nothing to review', when: 'The comment has no flags awaiting review.' },
  { slug: 'agenda-not-published', status: 409, title: 'Agenda not published', when: 'Decisions are recorded on items of a published agenda only.' },
  { slug: 'agenda-item-decided', status: 409, title: 'Agenda item decided', when: 'A decided agenda item must stay on the agenda; `errors` names the items.' },
  { slug: 'decision-exists', status: 409, title: 'Decision exists', when: 'The agenda item has a decision already (`decisionId`).' },
  { slug: 'meeting-cancelled', status: 409, title: 'Meeting cancelled', when: 'A cancelled meeting takes no decisions.' },
  { slug: 'draft-busy', status: 409, title: 'Draft is changing', when: 'The draft kept changing while this change was made (edits racing a publish or close); send it again.' },
  { slug: 'comment-busy', status: 409, title: 'Comment is changing', when: 'The comment kept changing (responses, hiding) while this response was given; send it again.' },
  { slug: 'implementation-busy', status: 409, title: 'Results are changing', when: 'Too many simultaneous changes to one decision\'s results kept this one from rolling up; send it again.' },
  { slug: 'export-too-large', status: 409, title: 'Export too large', when: 'The direct export would carry more than 1,000 comments or 4 MB; `exportJob` names the job route (`POST`) that makes the file at any size.' },
  { slug: 'idempotency-in-progress', status: 409, title: 'Request in progress', when: 'A request with this `Idempotency-Key` is still being processed; retry after `Retry-After` (at most the 60 s lease of an attempt that never finished).' },
  { slug: 'ballot-final', status: 409, title: 'Ballot is final', when: 'The caller\'s ballot was kept, unlinked, when their data was erased: it still counts and cannot be changed.' },
  { slug: 'upload-missing', status: 409, title: 'Upload missing', when: 'An attachment is completed before its bytes were PUT to its upload URL.' },
  { slug: 'attachment-gone', status: 409, title: 'Attachment gone', when: 'The attachment was deleted while it was being completed.' },
  { slug: 'precondition-failed', status: 412, title: 'Precondition failed', when: '`If-Match` names an older version; read the resource again (`currentVersion` tells the current one).' },
  { slug: 'payload-too-large', status: 413, title: 'Payload too large', when: 'The body is larger than the route accepts.' },
  { slug: 'unsupported-media-type', status: 415, title: 'Unsupported media type', when: 'The body is not sent as `application/json`.' },
  { slug: 'unprocessable', status: 422, title: 'Request cannot be carried out', when: 'The request is well-formed but breaks a rule of the domain (an unknown section, a missing changelog); `errors` may point at fields.' },
  { slug: 'missing-languages', status: 422, title: 'Required languages are missing', when: 'Publishing needs every language the deployment requires; `missing` lists them per field.' },
  { slug: 'invalid-poll', status: 422, title: 'Poll cannot be created', when: 'The poll\'s options, type or limits do not fit together; `errors` says how.' },
  { slug: 'invalid-ballot', status: 422, title: 'Ballot does not fit the poll', when: 'Unknown, duplicate, too many or no options chosen; `errors` says which.' },
  { slug: 'invalid-geometry', status: 422, title: 'Geometry is not valid', when: 'A geometry or location is not RFC 7946 GeoJSON of an accepted type: out-of-range longitude/latitude, an open ring, too many positions, a self-crossing ring; `errors` names each path.' },
  { slug: 'attachment-rejected', status: 422, title: 'File rejected', when: 'The uploaded file is not what the attachment declared (its own signature, or its size); the stored object was removed.' },
  { slug: 'too-large', status: 422, title: 'Too large to store', when: 'What would be stored exceeds what one record holds (`bytes`, `limit`): shorten its texts.' },
  { slug: 'agenda-too-large', status: 422, title: 'Agenda too large', when: 'The agenda would exceed what one meeting holds; shorten or merge items.' },
  { slug: 'ahjo-body-exists', status: 409, title: 'Body exists', when: 'Another body already stands for this Ahjo decision maker (DecisionMakerId).' },
  { slug: 'ahjo-unmappable', status: 422, title: 'Ahjo record cannot be imported', when: 'The Ahjo meeting, case or decision lacks what it needs (a case its `CaseIDLabel`, a decision a meeting and agenda point imported here); nothing is imported (`errors`).' },
  { slug: 'idempotency-key-reused', status: 422, title: 'Idempotency key reused', when: 'This `Idempotency-Key` was used with another request body.' },
  { slug: 'precondition-required', status: 428, title: 'Precondition required', when: 'The route needs `If-Match` with the version being edited.' },
  { slug: 'rate-limited', status: 429, title: 'Too many requests', when: 'The caller sent too many requests; `Retry-After` says when to try again.' },
  { slug: 'service-unavailable', status: 503, title: 'Service unavailable', when: 'The database (or another service the route needs) is unavailable, throttled or too slow; `Retry-After` says when to try again. A write retried with the same `Idempotency-Key` is stored once.' },
  { slug: 'internal', status: 500, title: 'Internal Server Error', when: 'An unexpected error; `detail` carries a correlation id to quote to support. Nothing else is revealed.' },
];

/** The slugs answered with `status`. */
export const slugsFor = (status: number): string[] => problemTypes.filter((p) => p.status === status).map((p) => p.slug);

const FieldError = z.object({
  path: z.string().max(1000).meta({ description: 'Where: `body.…`, `query.…` or `header.…`', example: 'body.sections.0.title' }),
  message: z.string().max(1000),
}).meta({ id: 'FieldError' });

/** RFC 9457 problem details; members beyond these may be added, so clients should ignore unknown ones. */
export const ProblemDetails = z.looseObject({
  type: z.url().max(300).meta({ description: 'The problem type: the deployment\'s problem base followed by one of the slugs listed in the API description.' }),
  title: z.string().max(200).meta({ description: 'Short, the same for every occurrence of the type' }),
  status: z.number().int().min(400).max(599),
  detail: z.string().max(2000).optional().meta({ description: 'This occurrence, in words; never a stack trace or an internal name' }),
  errors: z.array(FieldError).max(50).optional().meta({ description: 'Each offending field (validation-failed, unprocessable, missing-languages)' }),
  missing: z.array(z.object({ path: z.string().max(1000), languages: z.array(z.string().max(16)).max(20) })).max(50).optional()
    .meta({ description: 'missing-languages: the languages each field lacks' }),
  exportJob: z.string().max(300).optional().meta({ description: 'export-too-large: the route that starts an export job (POST)' }),
  currentVersion: z.number().int().min(1).max(999_999_999).optional().meta({ description: 'precondition-failed: the version the resource is at now' }),
}).meta({
  id: 'Problem',
  description: 'An error, as RFC 9457 problem details (`application/problem+json`).',
  example: { type: `${settings().problemBase}/participation-closed`, title: 'Participation is closed', status: 409, detail: 'This matter is not open for participation.' },
});

/** What API Gateway answers by itself, before any function runs (throttling, its JWT authorizer, a failed integration). */
export const GatewayMessage = z.object({
  message: z.string().max(200).meta({ example: 'Too Many Requests' }),
}).meta({ id: 'GatewayMessage', description: 'An answer of API Gateway itself (not of this API\'s functions), e.g. `{"message": "Unauthorized"}`.' });
