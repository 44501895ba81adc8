/**
 * From one Ahjo decision record (with its vote results, when there was a vote) to what this
 * system stores on the agenda item it names: its text, date, the document's metadata and link,
 * the members' votes and the totals. Pure. A document marked as containing personal data keeps
 * only its metadata and link; any HTML is sanitised; who drafted it (Agents) is not kept.
 */
import type { FieldError } from '#shared/http/problem.ts';
import type { Localized } from '#shared/schema.ts';
import type { DecisionDocument, MemberVote } from '#shared/decisions/schema.ts';
import { caseIdFrom, plainText } from '#shared/ahjo/html.ts';
import { sanitizeAhjoHtml } from '#shared/ahjo/sanitize.ts';
import { ahjoTime } from '#shared/ahjo/time.ts';
import { hasPersonalData, httpUrl, isPublic, str } from '#shared/ahjo/case.ts';
import type { AhjoDecision, AhjoVoteResults } from '#shared/ahjo/decision-schema.ts';

export interface DecisionPlan {
  ahjoMeetingId: string;
  /** The agenda item's identity within its meeting, as meeting imports store it. */
  itemKey: string;
  nativeId?: string;
  text: Localized;
  decidedAt?: string;
  caseId?: string;
  document?: DecisionDocument;
  votes?: { for: number; against: number; abstain: number; absent: number; members: MemberVote[] };
  warnings: FieldError[];
}

const sides = [['Ayes', 'for'], ['Noes', 'against'], ['Blank', 'abstain'], ['Absent', 'absent']] as const;

function votesOf(results: AhjoVoteResults, warn: (path: string, message: string) => void): DecisionPlan['votes'] {
  const totals = { for: 0, against: 0, abstain: 0, absent: 0 };
  const members: MemberVote[] = [];
  for (const [name, vote] of sides) {
    const part = results[name];
    const voters = Array.isArray(part?.Voters) ? part.Voters : [];
    voters.forEach((v, i) => {
      const voter = (v ?? {}) as Record<string, unknown>;
      const person = str(voter.Name, 200);
      if (!person) warn(`VoteResults.${name}.Voters.${i}.Name`, 'missing; the vote is counted but not named');
      else members.push({ name: person, group: str(voter.CouncilGroup, 200) ?? null, vote });
    });
    const stated = Number(part?.NumberOfVotes ?? Number.NaN);
    const counted = Number.isInteger(stated) && stated >= 0 ? stated : voters.length;
    if (counted < voters.length) warn(`VoteResults.${name}.NumberOfVotes`, `${stated} is fewer than the ${voters.length} voters named; the named ones are counted`);
    else if (counted > voters.length && voters.length > 0) warn(`VoteResults.${name}.NumberOfVotes`, `${counted} votes, ${voters.length} of them named`);
    totals[vote] = Math.max(counted, voters.length);
  }
  return { ...totals, members };
}

export function mapDecision(raw: AhjoDecision, supportedLanguages: string[]): { plan: DecisionPlan } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const meetingId = str(raw.MeetingID, 100);
  if (!meetingId) errors.push({ path: 'MeetingID', message: 'missing: the decision\'s meeting is unknown' });
  const point = str(raw.AgendaPoint, 50);
  if (!point) errors.push({ path: 'AgendaPoint', message: 'missing: the decision\'s agenda item is unknown' });
  if (!isPublic(raw.PublicityClass)) errors.push({ path: 'PublicityClass', message: `"${str(raw.PublicityClass, 100)}": only public decisions are published` });
  if (errors.length > 0 || !meetingId || !point) return { errors };

  const asked = str(raw.Language)?.toLowerCase();
  const language = asked && supportedLanguages.includes(asked) ? asked : 'fi';
  const personal = hasPersonalData(raw.PersonalData);
  const content = typeof raw.Content === 'string' && raw.Content.trim() !== '' ? raw.Content : undefined;
  if (content && personal) warn('Content', 'the document contains personal data: only its metadata and link are published');
  // Only its text is kept, read from the sanitised HTML (what a script says is no text).
  const body = content && !personal ? plainText(sanitizeAhjoHtml(content)).slice(0, 20_000) : undefined;
  const title = str(raw.Title, 1000);
  if (!body && !title) warn('Title', 'missing; the decision is shown as "Päätös"');
  const issuedAt = ahjoTime(raw.Issued);
  const decidedAt = ahjoTime(raw.DateMeeting) ?? issuedAt;
  if (!decidedAt) warn('DateMeeting', 'missing; the decision is dated by its meeting');

  return {
    plan: {
      ahjoMeetingId: meetingId,
      itemKey: `point:${point}`,
      nativeId: str(raw.NativeId, 100),
      text: { [language]: body || title || 'Päätös' },
      decidedAt,
      caseId: caseIdFrom(raw.CaseIDLabel),
      document: {
        title: title ?? null, type: str(raw.Type, 100) ?? null, language, url: httpUrl(raw.FileURI) ?? null, issuedAt: issuedAt ?? null, personalData: personal,
      },
      votes: raw.VoteResults ? votesOf(raw.VoteResults, warn) : undefined,
      warnings,
    },
  };
}
