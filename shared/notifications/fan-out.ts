/**
 * The notification fan-out: for one domain event, what goes into the feeds of everyone it
 * concerns. A notification for one person is one conditional put (keyed by the event, so a
 * redelivery adds nothing). One for a subject's followers is a delivery, paged (./jobs.ts):
 * the first page is written here, the rest through the delivery queue, each page bounded.
 */
import type { DomainEvent } from '#events/catalogue.ts';
import { getComment } from '#shared/comments/repository.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { deliver, notificationId } from '#shared/notifications/repository.ts';
import type { Delivery } from '#shared/notifications/delivery.ts';
import { work, type Job } from '#shared/notifications/jobs.ts';
import { carriedOver, notificationsFor, type Context } from '#shared/notifications/rules.ts';

async function context(event: DomainEvent): Promise<Context> {
  if (event.detailType !== 'CommentHidden' && event.detailType !== 'CommentResponded') return {};
  const [comment, draft] = await Promise.all([
    getComment(event.detail.draftId, event.detail.commentId, true),
    getDraft(event.detail.draftId),
  ]);
  return { commentAuthor: comment?.authorSub, draftTitle: draft?.title };
}

export interface FanOutResult {
  /** Feeds written (or follows carried over) by this invocation; the queue writes the rest. */
  written: number;
  repeated: number;
}

export async function fanOut(event: DomainEvent): Promise<FanOutResult> {
  const result: FanOutResult = { written: 0, repeated: 0 };
  const deliveries: Delivery[] = [];
  const { eventId, occurredAt } = event.detail;
  for (const plan of notificationsFor(event, await context(event))) {
    if ('user' in plan.audience) {
      const content = plan.content as Parameters<typeof deliver>[2];
      (await deliver(plan.audience.user, notificationId(eventId, plan.key), content)) ? result.written++ : result.repeated++;
    } else {
      deliveries.push({ eventId, key: plan.key, followersOf: plan.audience.followersOf, except: plan.audience.except, content: plan.content });
    }
  }
  const carry = carriedOver(event);
  const jobs: Job[] = carry
    ? [{ kind: 'carry', from: carry.from, to: carry.to, since: occurredAt, then: deliveries }]
    : deliveries.map((delivery) => ({ kind: 'notify', delivery }));
  for (const job of jobs) result.written += await work(job);
  return result;
}
