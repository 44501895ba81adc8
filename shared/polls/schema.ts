/** Polls on drafts: what staff create, what residents answer and what everyone reads. */
import * as z from 'zod/mini';
import { Id, LocalizedText, Time, localized } from '#shared/schema.ts';

export const PollType = z.enum(['single', 'multiple']);
export type PollType = z.infer<typeof PollType>;

/** When results are shown to residents: always, once they have voted, or once the draft has closed. */
export const ResultsVisibility = z.enum(['always', 'after-vote', 'after-close']);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;

export const CreatePollBody = z.strictObject({
  question: localized(1_000),
  options: z.array(z.strictObject({ text: localized(500) })).check(z.minLength(2), z.maxLength(20)),
  type: PollType,
  /** `multiple` only: how many options one ballot may choose (default: all of them). */
  maxChoices: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(20))),
  sectionId: z.optional(Id),
  resultsVisibility: ResultsVisibility,
}).register(z.globalRegistry, { id: 'CreatePoll' });
export type CreatePollBody = z.infer<typeof CreatePollBody>;

/** A ballot: the chosen option ids. Emptiness, duplicates and unknown ids are the poll's rules (422). */
export const BallotBody = z.strictObject({
  optionIds: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(100)),
}).register(z.globalRegistry, { id: 'BallotRequest' });
export type BallotBody = z.infer<typeof BallotBody>;

const Loc = LocalizedText;

export const PollResults = z.object({
  /** Ballots cast (a multiple-choice ballot counts once here and once per chosen option). */
  total: z.number().check(z.int()),
  options: z.array(z.object({ id: Id, count: z.number().check(z.int()) })).check(z.maxLength(20)),
}).register(z.globalRegistry, { id: 'PollResults' });
export type PollResults = z.infer<typeof PollResults>;

export const PollStatus = z.enum(['draft', 'scheduled', 'open', 'closed']);

export const Poll = z.object({
  id: Id,
  draftId: Id,
  sectionId: z.nullable(Id),
  question: Loc,
  options: z.array(z.object({ id: Id, text: Loc })).check(z.maxLength(20)),
  type: PollType,
  maxChoices: z.number().check(z.int()),
  resultsVisibility: ResultsVisibility,
  /** Follows the draft: ballots are taken while the draft is open. */
  status: PollStatus,
  createdAt: Time,
  /** `null` when the results are not visible to this caller yet. */
  results: z.nullable(PollResults),
}).register(z.globalRegistry, { id: 'Poll' });
export type Poll = z.infer<typeof Poll>;

export const Ballot = z.object({
  pollId: Id,
  draftId: Id,
  optionIds: z.array(Id).check(z.maxLength(20)),
})
  .register(z.globalRegistry, { id: 'Ballot', description: 'Your choice. It records no time: beside an access log, a time could link an address to a choice.' });
export type Ballot = z.infer<typeof Ballot>;

export const PollParams = z.object({ id: Id, pid: Id });
