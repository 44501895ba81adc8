/** Following a draft or a decision: what the subscription routes answer. */
import * as z from 'zod/mini';
import { Id, Time } from '#shared/schema.ts';

export const SubjectKind = z.enum(['draft', 'decision']);
export type SubjectKind = z.infer<typeof SubjectKind>;

/** What is followed. */
export interface Subject {
  kind: SubjectKind;
  id: string;
}

/** How a subscription came about: the resident asked, commented, or followed the draft a decision came from. */
export const SubscriptionOrigin = z.enum(['explicit', 'comment', 'draft']);
export type SubscriptionOrigin = z.infer<typeof SubscriptionOrigin>;

export const Subscription = z.object({
  subject: z.object({ kind: SubjectKind, id: Id }),
  following: z.boolean(),
  origin: z.nullable(SubscriptionOrigin),
  /** When the caller last followed or unfollowed; null when they never did either. */
  since: z.nullable(Time),
}).register(z.globalRegistry, { id: 'Subscription' });
export type Subscription = z.infer<typeof Subscription>;

export const SubjectParams = z.object({ id: Id });
