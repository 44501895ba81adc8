/** Whether what a resident asks to follow exists for them: a published draft, a recorded decision. */
import { getDraftListing } from '#shared/drafts/repository.ts';
import { getDecision } from '#shared/decisions/repository.ts';
import type { Subject } from '#shared/subscriptions/schema.ts';

export async function subjectExists(subject: Subject): Promise<boolean> {
  if (subject.kind === 'draft') return (await getDraftListing(subject.id))?.publishedAt !== undefined;
  return (await getDecision(subject.id)) !== undefined;
}
