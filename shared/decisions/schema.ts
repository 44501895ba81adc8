/** Decisions on agenda items: what staff record and what everyone reads. */
import * as z from 'zod';
import { Id, LocalizedText, Time, localized } from '#shared/schema.ts';

const Loc = LocalizedText;
const Count = z.number().int().min(0).max(100_000);

export const Outcome = z.enum(['approved', 'amended', 'rejected', 'tabled', 'returned']);
export type Outcome = z.infer<typeof Outcome>;

export const Votes = z.strictObject({
  for: Count,
  against: Count,
  abstain: Count.default(0),
  absent: Count.default(0),
}).meta({ id: 'VoteCounts' });
export type Votes = z.infer<typeof Votes>;

export const RecordDecisionBody = z.strictObject({
  outcome: Outcome,
  text: localized(20_000),
  votes: Votes.optional(),
  /** When the body decided; by default the meeting's start (or now, if that is still ahead). */
  decidedAt: Time.optional(),
}).meta({ id: 'RecordDecision' });
export type RecordDecisionBody = z.infer<typeof RecordDecisionBody>;

/** How the decision is being carried out, rolled up from its results (none yet: planned, 0). */
export const ImplementationStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);
export const Implementation = z.object({
  status: ImplementationStatus,
  progress: z.number().min(0).max(100),
}).meta({ id: 'Implementation' });
export type Implementation = z.infer<typeof Implementation>;

export const Decision = z.object({
  id: Id,
  outcome: Outcome,
  text: Loc,
  votes: z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int(), absent: z.number().int() }).nullable(),
  decidedAt: Time,
  bodyId: Id,
  meetingId: Id,
  itemId: Id,
  draftId: Id.nullable(),
  caseId: z.string().max(64).nullable(),
  /** The chain, as it stood when the decision was recorded: draft -> meeting -> agenda item -> decision. */
  draft: z.object({ id: Id, title: Loc.nullable() }).nullable(),
  meeting: z.object({ id: Id, title: Loc.nullable(), startsAt: Time }),
  agendaItem: z.object({ id: Id, number: z.number().int(), title: Loc, section: z.string().max(100).nullable() }),
  links: z.object({ self: z.string().max(200), draft: z.string().max(200).nullable(), meeting: z.string().max(200), agendaItem: z.string().max(200) }),
  implementation: Implementation,
  createdAt: Time,
}).meta({ id: 'Decision' });
export type Decision = z.infer<typeof Decision>;

export const DecisionParams = z.object({ id: Id });
export const ListDecisionsQuery = z.object({
  bodyId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});
