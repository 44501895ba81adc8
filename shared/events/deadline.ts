/**
 * What the scheduled close does: it marks the draft closed at its deadline (`closedAt =
 * closesAt`) with one conditional write, and the stream turns that into `DraftClosed`.
 * Nothing happens when staff closed it earlier, a decision ended it, or the deadline moved.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { draftKey, getDraft } from '#shared/drafts/repository.ts';
import type { DraftClose } from '#shared/events/scheduler.ts';

export type DeadlineOutcome = 'closed' | 'not-due' | 'nothing-to-do';

export async function closeAtDeadline({ draftId, closesAt }: DraftClose, now: Date): Promise<DeadlineOutcome> {
  try {
    await db().send(new UpdateCommand({
      TableName: tableName(),
      Key: draftKey(draftId),
      UpdateExpression: 'SET closedAt = closesAt',
      ConditionExpression:
        'attribute_exists(publishedAt) AND closesAt = :closesAt AND closesAt <= :now AND attribute_not_exists(closedAt) AND attribute_not_exists(decisionId)',
      ExpressionAttributeValues: { ':closesAt': closesAt, ':now': now.toISOString() },
    }));
    return 'closed';
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
  const draft = await getDraft(draftId, true);
  const due = draft?.closesAt === closesAt && !draft.closedAt && !draft.decisionId && closesAt > now.toISOString();
  return due ? 'not-due' : 'nothing-to-do';
}
