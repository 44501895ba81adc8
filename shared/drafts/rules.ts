/** Pure rules of a draft's life: what its status is now, when participation is open, what publishing needs. */
import { missingLanguages, type Localized } from '#shared/schema.ts';
import type { DraftStatus } from '#shared/drafts/schema.ts';

export interface DraftState {
  publishedAt?: string;
  opensAt?: string;
  closesAt?: string;
  decisionId?: string;
}

/**
 * The status as every reader sees it at `now`: derived from the schedule, so a draft whose
 * `closesAt` has passed is closed even if no job has run yet.
 */
export const draftStatus = (d: DraftState, now: Date): DraftStatus => {
  if (!d.publishedAt || !d.opensAt || !d.closesAt) return 'draft';
  if (d.decisionId) return 'decided';
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
