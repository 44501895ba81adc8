/** Pure rules of polls: what a valid ballot is, who sees results when, how a new poll is shaped. */
import type { FieldError } from '#shared/http/problem.ts';
import type { DraftStatus } from '#shared/drafts/schema.ts';
import type { PollType, ResultsVisibility } from '#shared/polls/schema.ts';

export interface PollShape {
  /** 1 for a single-choice poll. */
  maxChoices: number;
  options: { id: string }[];
}

/**
 * The problems with a ballot for `poll`, each naming the offending field; none means valid.
 * A single-choice poll takes exactly one option; a multiple-choice one 1..maxChoices distinct options.
 */
export function ballotErrors(poll: PollShape, optionIds: string[]): FieldError[] {
  if (optionIds.length === 0) return [{ path: 'body.optionIds', message: 'choose at least one option' }];
  const errors: FieldError[] = [];
  const known = new Set(poll.options.map((o) => o.id));
  const seen = new Set<string>();
  optionIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({ path: `body.optionIds.${i}`, message: 'not an option of this poll' });
    else if (seen.has(id)) errors.push({ path: `body.optionIds.${i}`, message: 'chosen twice' });
    seen.add(id);
  });
  if (optionIds.length > poll.maxChoices) {
    errors.push({ path: 'body.optionIds', message: `at most ${poll.maxChoices} option${poll.maxChoices === 1 ? '' : 's'} may be chosen` });
  }
  return errors;
}

/** How many options a ballot may choose, or why the request cannot be a poll. */
export function choiceLimit(type: PollType, optionCount: number, maxChoices: number | undefined): number | FieldError {
  if (type === 'single') {
    return maxChoices === undefined || maxChoices === 1 ? 1 : { path: 'body.maxChoices', message: 'a single-choice poll takes exactly one option' };
  }
  if (maxChoices === undefined) return optionCount;
  return maxChoices <= optionCount ? maxChoices : { path: 'body.maxChoices', message: 'more than the poll has options' };
}

/** A poll takes ballots exactly while its draft is open. */
export const pollStatus = (draft: DraftStatus): 'draft' | 'scheduled' | 'open' | 'closed' =>
  draft === 'decided' || draft === 'withdrawn' ? 'closed' : draft;

export interface Viewer {
  staff: boolean;
  /** Whether this caller has a ballot in the poll (only asked for `after-vote`). */
  voted: boolean;
}

/**
 * Whether the caller sees results now. Staff always do (their export carries the totals);
 * everyone does once the draft has closed.
 */
export function resultsVisible(visibility: ResultsVisibility, draft: DraftStatus, viewer: Viewer): boolean {
  if (viewer.staff || visibility === 'always') return true;
  if (draft === 'closed' || draft === 'decided' || draft === 'withdrawn') return true;
  return visibility === 'after-vote' && viewer.voted;
}

/** The counter shard a ballot writes to: fixed by its key, so a changed ballot moves counts within one shard. */
export const shardOf = (ballotKey: string, shards: number): number => Number.parseInt(ballotKey.slice(0, 8), 16) % shards;
