/** Pure rules of recording a decision: on which agenda item it may be recorded, and when it was made. */
import { agendaNotPublished, decisionExists, meetingCancelled, notFound } from '#shared/http/problem.ts';
import type { MeetingItem } from '#shared/meetings/repository.ts';
import type { StoredAgendaItem } from '#shared/meetings/rules.ts';

/**
 * The agenda item a decision is recorded on, or the problem that stops it: the item must be
 * on the meeting's agenda, the agenda public, the meeting not cancelled, and the item not
 * decided yet (one decision per item).
 */
export function decidableItem(meeting: MeetingItem, itemId: string): StoredAgendaItem {
  const item = meeting.agenda.items.find((i) => i.id === itemId);
  if (!item) throw notFound('Agenda item');
  if (!meeting.agendaPublishedAt) throw agendaNotPublished();
  if (meeting.status === 'cancelled') throw meetingCancelled();
  const existing = meeting.decisions[itemId];
  if (existing) throw decisionExists(existing);
  return item;
}

/** When a decision counts as made, unless staff say: the meeting's start, or now if that is still ahead. */
export const defaultDecidedAt = (meeting: Pick<MeetingItem, 'startsAt'>, now: Date): string =>
  meeting.startsAt <= now.toISOString() ? meeting.startsAt : now.toISOString();
