/**
 * The notification fan-out: for one domain event, write a notification into the feed of
 * everyone it concerns. Idempotent end to end: following carried over from a draft to its
 * decision is a conditional put, and each notification is a conditional put keyed by the
 * event, so a redelivered event (same `eventId`) adds nothing.
 */
import type { DomainEvent } from '#events/catalogue.ts';
import { getComment } from '#shared/comments/repository.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { followers, followUnlessDeclined } from '#shared/subscriptions/repository.ts';
import { deliver, notificationId } from '#shared/notifications/repository.ts';
import { carriedOver, notificationsFor, type Audience, type Context } from '#shared/notifications/rules.ts';

/** Writes at most this many notifications at once, so a large audience does not throttle the table. */
const parallel = 16;

async function context(event: DomainEvent): Promise<Context> {
  if (event.detailType !== 'CommentPosted' && event.detailType !== 'CommentHidden') return {};
  const [comment, draft] = await Promise.all([
    getComment(event.detail.draftId, event.detail.commentId, true),
    getDraft(event.detail.draftId),
  ]);
  return { commentAuthor: comment?.authorSub, draftTitle: draft?.title };
}

async function* audience(a: Audience): AsyncGenerator<string[]> {
  if ('user' in a) {
    yield [a.user];
    return;
  }
  for await (const subs of followers(a.followersOf)) yield subs.filter((s) => s !== a.except);
}

export interface FanOutResult {
  delivered: number;
  repeated: number;
}

export async function fanOut(event: DomainEvent): Promise<FanOutResult> {
  const result: FanOutResult = { delivered: 0, repeated: 0 };
  const carry = carriedOver(event);
  if (carry) {
    const since = new Date(event.detail.occurredAt);
    for await (const subs of followers(carry.from)) {
      for (let i = 0; i < subs.length; i += parallel) {
        await Promise.all(subs.slice(i, i + parallel).map((sub) => followUnlessDeclined(carry.to, sub, 'draft', since)));
      }
    }
  }
  for (const plan of notificationsFor(event, await context(event))) {
    const id = notificationId(event.detail.eventId, plan.key);
    for await (const subs of audience(plan.audience)) {
      for (let i = 0; i < subs.length; i += parallel) {
        const written = await Promise.all(subs.slice(i, i + parallel).map((sub) => deliver(sub, id, plan.content)));
        for (const w of written) w ? result.delivered++ : result.repeated++;
      }
    }
  }
  return result;
}
