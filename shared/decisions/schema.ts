/** Decisions on agenda items: what staff record and what everyone reads. */
import * as z from 'zod/mini';
import { Id, LocalizedText, PageQuery, Time, localized } from '#shared/schema.ts';

const Loc = LocalizedText;
const Count = z.number().check(z.int(), z.minimum(0), z.maximum(100_000));

export const Outcome = z.enum(['approved', 'amended', 'rejected', 'tabled', 'returned']);
export type Outcome = z.infer<typeof Outcome>;

export const Votes = z.strictObject({
  for: Count,
  against: Count,
  abstain: z._default(Count, 0),
  absent: z._default(Count, 0),
}).register(z.globalRegistry, { id: 'VoteCounts' });
export type Votes = z.infer<typeof Votes>;

export const MemberVote = z.object({
  name: z.string().check(z.maxLength(200)),
  /** Council group, e.g. `Kokoomuksen valtuustoryhmä`. */
  group: z.nullable(z.string().check(z.maxLength(200))),
  vote: z.enum(['for', 'against', 'abstain', 'absent']),
}).register(z.globalRegistry, { id: 'MemberVote', description: 'How one elected member voted (public)' });
export type MemberVote = z.infer<typeof MemberVote>;

export const DecisionDocument = z.object({
  title: z.nullable(z.string().check(z.maxLength(1000))),
  type: z.nullable(z.string().check(z.maxLength(100))),
  language: z.nullable(z.string().check(z.maxLength(16))),
  url: z.nullable(z.string().check(z.maxLength(2000))),
  issuedAt: z.nullable(Time),
  /** Marked as containing personal data: only this metadata and the link are published. */
  personalData: z.boolean(),
}).register(z.globalRegistry, { id: 'DecisionDocument' });
export type DecisionDocument = z.infer<typeof DecisionDocument>;

export const RecordDecisionBody = z.strictObject({
  outcome: Outcome,
  text: localized(20_000),
  votes: z.optional(Votes),
  /** When the body decided; by default the meeting's start (or now, if that is still ahead). */
  decidedAt: z.optional(Time),
}).register(z.globalRegistry, { id: 'RecordDecision' });
export type RecordDecisionBody = z.infer<typeof RecordDecisionBody>;

/** How the decision is being carried out, rolled up from its results (none yet: planned, 0). */
export const ImplementationStatus = z.enum(['planned', 'in_progress', 'delayed', 'completed', 'cancelled']);
export const Implementation = z.object({
  status: ImplementationStatus,
  progress: z.number().check(z.minimum(0), z.maximum(100)),
}).register(z.globalRegistry, { id: 'Implementation' });
export type Implementation = z.infer<typeof Implementation>;

export const Decision = z.object({
  id: Id,
  outcome: Outcome,
  text: Loc,
  votes: z.nullable(z.object({
    for: z.number().check(z.int()), against: z.number().check(z.int()), abstain: z.number().check(z.int()), absent: z.number().check(z.int()),
    /** Each member's vote, when the source system names them (Ahjo imports). */
    members: z.optional(z.array(MemberVote).check(z.maxLength(500))),
  })),
  decidedAt: Time,
  bodyId: Id,
  meetingId: Id,
  itemId: Id,
  draftId: z.nullable(Id),
  caseId: z.nullable(z.string().check(z.maxLength(64))),
  /** The chain, as it stood when the decision was recorded: draft -> meeting -> agenda item -> decision. */
  draft: z.nullable(z.object({ id: Id, title: z.nullable(Loc) })),
  meeting: z.object({ id: Id, title: z.nullable(Loc), startsAt: Time }),
  agendaItem: z.object({ id: Id, number: z.number().check(z.int()), title: Loc, section: z.nullable(z.string().check(z.maxLength(100))) }),
  links: z.object({ self: z.string().check(z.maxLength(200)), draft: z.nullable(z.string().check(z.maxLength(200))), meeting: z.string().check(z.maxLength(200)), agendaItem: z.string().check(z.maxLength(200)) }),
  implementation: Implementation,
  /** The decision document (imports): metadata and link. */
  documents: z.array(DecisionDocument).check(z.maxLength(20)),
  source: z.nullable(z.object({ system: z.literal('ahjo'), id: z.string().check(z.maxLength(100)) })),
  createdAt: Time,
  updatedAt: Time,
}).register(z.globalRegistry, { id: 'Decision' });
export type Decision = z.infer<typeof Decision>;

export const DecisionParams = z.object({ id: Id });
export const ListDecisionsQuery = z.extend(PageQuery, {
  bodyId: z.optional(Id),
});
