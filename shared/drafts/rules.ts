/** Pure rules of a draft's life: what its status is now, when participation is open, what publishing needs. */
import { missingLanguages, type Localized } from '#shared/schema.ts';
import type { DraftStatus } from '#shared/drafts/schema.ts';

export interface DraftState {
  publishedAt?: string;
  opensAt?: string;
  closesAt?: string;
  decisionId?: string;
  withdrawnAt?: string;
}

/**
 * The status as every reader sees it at `now`: derived from the schedule, so a draft whose
 * `closesAt` has passed is closed even if no job has run yet.
 */
export const draftStatus = (d: DraftState, now: Date): DraftStatus => {
  if (!d.publishedAt || !d.opensAt || !d.closesAt) return 'draft';
  if (d.decisionId) return 'decided';
  if (d.withdrawnAt) return 'withdrawn';
  const t = now.toISOString();
  if (t >= d.closesAt) return 'closed';
  if (t < d.opensAt) return 'scheduled';
  return 'open';
};

export const isOpen = (d: DraftState, now: Date): boolean => draftStatus(d, now) === 'open';

export interface Publishable {
  title: Localized;
  summary?: Localized;
  sections: { title: Localized; body: Localized }[];
}

/** Every localized field that lacks a required language, with its path. */
export const missingForPublication = (d: Publishable, required: string[]) => {
  const fields: [string, Localized | undefined][] = [
    ['title', d.title],
    ['summary', d.summary],
    ...d.sections.flatMap((s, i): [string, Localized][] => [[`sections.${i}.title`, s.title], [`sections.${i}.body`, s.body]]),
  ];
  return fields
    .map(([path, text]) => ({ path, languages: missingLanguages(text, required) }))
    .filter((m) => m.languages.length > 0);
};

/** The schedule a publish request asks for, or why it cannot be. */
export const publicationWindow = (
  request: { opensAt?: string; closesAt: string },
  now: Date,
): { opensAt: string; closesAt: string } | { error: string } => {
  const opensAt = request.opensAt ?? now.toISOString();
  const closesAt = new Date(request.closesAt).toISOString();
  if (closesAt <= now.toISOString()) return { error: 'closesAt must be in the future' };
  if (closesAt <= new Date(opensAt).toISOString()) return { error: 'closesAt must be after opensAt' };
  return { opensAt: new Date(opensAt).toISOString(), closesAt };
};

/** Participation has ended for good at `now`: closed, decided or withdrawn (the report is public from then on). */
export const participationEnded = (d: DraftState, now: Date): boolean => ['closed', 'decided', 'withdrawn'].includes(draftStatus(d, now));

/**
 * Why a draft cannot be withdrawn at `now`, or undefined when it can: only a published
 * draft that is not decided and not already withdrawn.
 */
export const withdrawRefusal = (d: DraftState): 'not-published' | 'decided' | 'already-withdrawn' | undefined => {
  if (!d.publishedAt) return 'not-published';
  if (d.decisionId) return 'decided';
  if (d.withdrawnAt) return 'already-withdrawn';
  return undefined;
};

/**
 * Whether `closesAt` may become `next` at `now`: only later than it is, on a draft still
 * scheduled or open. Returns the reason it may not, or undefined.
 */
export const extensionRefusal = (d: DraftState, next: string, now: Date): { status: 409 | 422; detail: string } | undefined => {
  const status = draftStatus(d, now);
  if (status === 'draft') return { status: 422, detail: 'An unpublished draft gets its closesAt when it is published.' };
  if (status !== 'open' && status !== 'scheduled') return { status: 409, detail: 'Participation on this draft has ended; its deadline can no longer move.' };
  if (new Date(next).toISOString() <= d.closesAt!) return { status: 422, detail: 'closesAt can only move later (an extension).' };
  return undefined;
};
