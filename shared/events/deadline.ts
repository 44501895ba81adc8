/**
 * What the scheduled close does: it marks the draft closed at its deadline (`closedAt =
 * closesAt`) with one conditional write, and the stream turns that into `DraftClosed`.
 * Nothing happens when staff closed it earlier, a decision ended it, or the deadline moved.
 */
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact } from '#shared/data/transact.ts';
import { draftKey, draftListingKey, getDraft } from '#shared/drafts/repository.ts';
import type { DraftClose } from '#shared/events/scheduler.ts';
import { work } from '#shared/notifications/jobs.ts';

export type DeadlineOutcome = 'closed' | 'noticed' | 'not-due' | 'nothing-to-do';

/**
 * The notice before the deadline: the draft's followers hear that commenting closes soon,
 * once (the delivery is keyed by the draft and its deadline, so a repeated schedule adds
 * nothing), and only while the draft is still open at that deadline (withdrawn, decided,
 * closed early or extended: nothing; an extension schedules its own notice).
 */
export async function noticeClosingSoon({ draftId, closesAt }: DraftClose, now: Date): Promise<DeadlineOutcome> {
  const draft = await getDraft(draftId, true);
  const open = draft?.publishedAt && draft.closesAt === closesAt && !draft.closedAt && !draft.decisionId && !draft.withdrawnAt
    && (draft.opensAt ?? '') <= now.toISOString() && closesAt > now.toISOString();
  if (!draft || !open) return 'nothing-to-do';
  await work({
    kind: 'notify',
    delivery: {
      eventId: `closing-soon-${draftId}-${Math.ceil(Date.parse(closesAt) / 1000)}`, key: '', followersOf: { kind: 'draft', id: draftId },
      content: { event: 'DraftClosingSoon', at: now.toISOString(), title: draft.title, draftId, closesAt },
    },
  });
  return 'noticed';
}

export async function closeAtDeadline({ draftId, closesAt }: DraftClose, now: Date): Promise<DeadlineOutcome> {
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: draftKey(draftId),
          UpdateExpression: 'SET closedAt = closesAt',
          ConditionExpression:
            'attribute_exists(publishedAt) AND closesAt = :closesAt AND closesAt <= :now AND attribute_not_exists(closedAt) AND attribute_not_exists(decisionId) AND attribute_not_exists(withdrawnAt)',
          ExpressionAttributeValues: { ':closesAt': closesAt, ':now': now.toISOString() },
        },
      },
      // The listing says it too (its change is what the stream turns into DraftClosed), and the draft leaves the opening list.
      { Update: { TableName: tableName(), Key: draftListingKey(draftId), UpdateExpression: 'SET closedAt = :closesAt REMOVE gsi3pk, gsi3sk', ExpressionAttributeValues: { ':closesAt': closesAt } } },
    ]);
    return 'closed';
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
  }
  const draft = await getDraft(draftId, true);
  const due = draft?.closesAt === closesAt && !draft.closedAt && !draft.decisionId && closesAt > now.toISOString();
  return due ? 'not-due' : 'nothing-to-do';
}
