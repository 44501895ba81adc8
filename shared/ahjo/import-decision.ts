/**
 * Importing one Ahjo decision: recorded on the agenda item its MeetingID and AgendaPoint
 * name (imported from Ahjo before), as staff would record it, so a linked draft becomes
 * decided in the same transaction. A re-import updates that decision in place (text, votes,
 * date, document), and changes nothing when nothing changed. Ahjo does not state an outcome:
 * a new decision is `approved`; a correction keeps whatever outcome it has.
 */
import { createHash } from 'node:crypto';
import { settings } from '#shared/config.ts';
import { ahjoUnmappable, type FieldError } from '#shared/http/problem.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { ahjoMeetingId, getMeeting } from '#shared/meetings/repository.ts';
import { canonicalJson } from '#shared/meetings/rules.ts';
import {
  getDecision, recordDecision, updateImportedDecision, type DecisionItem, type ImportedFields,
} from '#shared/decisions/repository.ts';
import { decidableItem, defaultDecidedAt } from '#shared/decisions/rules.ts';
import { mapDecision, type DecisionPlan } from '#shared/ahjo/decision.ts';
import type { AhjoDecision } from '#shared/ahjo/decision-schema.ts';

export interface DecisionImportReport {
  outcome: 'created' | 'updated' | 'unchanged';
  decision: DecisionItem;
  warnings: FieldError[];
}

const fields = (plan: DecisionPlan): ImportedFields => {
  const imported: ImportedFields = {
    members: plan.votes?.members,
    documents: plan.document ? [plan.document] : [],
    source: { system: 'ahjo', id: plan.nativeId ?? `${plan.ahjoMeetingId}/${plan.itemKey}` },
  };
  return { ...imported, importHash: createHash('sha256').update(canonicalJson([plan.text, plan.votes, plan.decidedAt, imported])).digest('base64url') };
};

const voteCounts = (plan: DecisionPlan) =>
  plan.votes ? { for: plan.votes.for, against: plan.votes.against, abstain: plan.votes.abstain, absent: plan.votes.absent } : undefined;

/** Imports `raw`, or throws: 422 when it cannot be mapped or names no imported agenda item; 409 as recording a decision would. */
export async function importAhjoDecision(raw: AhjoDecision, now: Date): Promise<DecisionImportReport> {
  const mapped = mapDecision(raw, settings().supportedLanguages);
  if ('errors' in mapped) throw ahjoUnmappable(mapped.errors, 'decision');
  const { plan } = mapped;
  const imported = fields(plan);
  for (let attempt = 1; attempt <= 10; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    const meetingId = await ahjoMeetingId(plan.ahjoMeetingId);
    const meeting = meetingId ? await getMeeting(meetingId, true) : undefined;
    if (!meeting) throw ahjoUnmappable([{ path: 'MeetingID', message: `no meeting ${plan.ahjoMeetingId} has been imported; import the meeting first` }], 'decision');
    const item = meeting.agenda.items.find((i) => i.source?.id === plan.itemKey);
    if (!item) throw ahjoUnmappable([{ path: 'AgendaPoint', message: `meeting ${plan.ahjoMeetingId} has no agenda point ${plan.itemKey.slice(6)}` }], 'decision');
    const decidedAt = plan.decidedAt ?? defaultDecidedAt(meeting, now);

    const existingId = meeting.decisions[item.id];
    if (existingId) {
      const current = await getDecision(existingId, true);
      if (!current) continue;
      if (current.importHash === imported.importHash) return { outcome: 'unchanged', decision: current, warnings: plan.warnings };
      const next = { text: plan.text, voteCounts: voteCounts(plan), decidedAt, imported };
      if (await updateImportedDecision(current, next, current.importHash, now)) {
        return { outcome: 'updated', decision: (await getDecision(existingId, true))!, warnings: plan.warnings };
      }
      continue;
    }
    decidableItem(meeting, item.id);
    const draft = item.draftId ? await getDraft(item.draftId, true) : undefined;
    const input = { outcome: 'approved' as const, text: plan.text, votes: voteCounts(plan) };
    const decision = await recordDecision({ meeting, item, draft, input, decidedAt, imported }, now);
    if (decision) return { outcome: 'created', decision, warnings: plan.warnings };
  }
  throw new Error('the meeting kept changing while the decision was imported');
}
