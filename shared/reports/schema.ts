/** The consultation report: what became of a hearing, in counts that name nobody. */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time } from '#shared/schema.ts';
import { DraftStatus } from '#shared/drafts/schema.ts';
import { PollType } from '#shared/polls/schema.ts';

const Loc = LocalizedText;
const count = z.number().check(z.int(), z.minimum(0));

export const ReportQuery = z.object({
  format: z._default(z.enum(['json', 'csv']), 'json'),
  /** Language of localized texts in CSV (JSON carries every language); default: the first required language. */
  lang: z.optional(z.string().check(z.maxLength(3), z.regex(/^[a-z]{2,3}$/, 'not a language tag'))),
});

export const Report = z.object({
  draft: z.object({
    id: Id,
    caseId: z.nullable(z.string().check(z.maxLength(64))),
    title: Loc,
    status: DraftStatus,
    opensAt: z.nullable(Time),
    closesAt: z.nullable(Time),
    withdrawal: z.nullable(z.object({ reason: Loc, at: Time })),
  }),
  generatedAt: Time,
  /** Comments received (replies included, whatever became of them later) and distinct people who wrote them. */
  participation: z.object({
    comments: count,
    participants: count,
    /** Per section of the draft as it now is; `sectionId: null` for comments on the draft as a whole (listed when there are any). */
    bySection: z.array(z.object({ sectionId: z.nullable(Id), title: z.nullable(Loc), comments: count, participants: count })).check(z.maxLength(51)),
  }),
  /** Each poll's results: final once the poll closed (`final: true`), else the live count (staff reading early). */
  polls: z.array(z.object({
    id: Id,
    sectionId: z.nullable(Id),
    question: Loc,
    type: PollType,
    final: z.boolean(),
    total: count,
    options: z.array(z.object({ id: Id, text: Loc, count })).check(z.maxLength(20)),
  })).check(z.maxLength(200)),
  /** Root comments that have an official response now, of all root comments received. */
  responses: z.object({ answered: count, roots: count }),
  /** Every version of the draft, oldest first, with what changed. */
  versions: z.array(z.object({ version: z.number().check(z.int()), changelog: z.nullable(Loc), at: Time })).check(z.maxLength(10_000)),
  /** The decision made on the draft, once recorded (vote counts only). */
  decision: z.nullable(z.object({
    id: Id,
    outcome: z.enum(['approved', 'amended', 'rejected', 'tabled', 'returned']),
    text: Loc,
    decidedAt: Time,
    meetingId: Id,
    votes: z.nullable(z.object({ for: count, against: count, abstain: count, absent: count })),
  })),
}).register(z.globalRegistry, { id: 'ConsultationReport' });
export type Report = z.infer<typeof Report>;
