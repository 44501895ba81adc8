/**
 * The table partitions each writing HTTP function may write, by the prefix of the partition key
 * (`DRAFT` allows `DRAFT#…`). In AWS they are the `dynamodb:LeadingKeys` condition on the
 * function's write grant (infra/cdk/table.ts); locally the gateway runs each handler within
 * them and the data layer refuses any other write (shared/data/write-scope.ts), so every HTTP
 * test also proves the list is enough. Idempotent routes add their `IDEMPOTENCY#` records.
 */
import { deployedRoutes } from '#functions/routes.ts';

const declared: Record<string, readonly string[]> = {
  'drafts/write': ['DRAFT'],
  // RATE: the per-address limit on anonymous comments
  'comments/write': ['DRAFT', 'RATE'],
  'polls/write': ['DRAFT'],
  // BALLOT/BALLOTREF: the secret ballot and its sealed reference; DRAFT: the poll's counters
  'polls/ballot': ['DRAFT', 'BALLOT', 'BALLOTREF'],
  'moderation/flag': ['DRAFT'],
  'moderation/moderate': ['DRAFT'],
  // ERASED: the marker that refuses the person's tokens; JOB/JOBS: the erasure job
  'me/erase': ['ERASED', 'JOB', 'JOBS'],
  'exports/jobs': ['JOB', 'JOBS'],
  'subscriptions/write': ['FOLLOWERS'],
  'notifications/write': ['NOTIFICATIONS', 'FOLLOWERS'],
  'results/write': ['DECISION'],
  // AHJO: the external-id index of imported meetings
  'meetings/write': ['MEETING', 'BODY', 'AHJO'],
  'decisions/write': ['DECISION', 'DRAFT', 'MEETING'],
  'imports/ahjo': ['AHJO', 'BODY', 'CASE', 'MEETING', 'DECISION', 'DRAFT'],
  // PREFERENCES: how the person hears (e-mail), also turned off by one-click unsubscribe
  'mail/preferences': ['PREFERENCES'],
  'attachments/write': ['DRAFT'],
  'attachments/complete': ['DRAFT'],
};

const idempotent = new Set(deployedRoutes.filter((r) => r.idempotent).map((r) => r.fn));

/** Every writing function's partitions, `IDEMPOTENCY` included where a route honours Idempotency-Key. */
export const tableWrites: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(declared).map(([fn, partitions]) => [fn, idempotent.has(fn) ? [...partitions, 'IDEMPOTENCY'] : partitions]),
);
