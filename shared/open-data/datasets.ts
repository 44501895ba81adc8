/**
 * The open-data datasets (CC BY 4.0): their names and their columns, which are stable: a
 * column is only ever added at the end, never renamed, moved or dropped, so scripts written
 * against a file keep working. Localized text is one column per deployment language
 * (`title_fi`, `title_sv`, …). Nothing personal: elected members' votes are public; residents
 * appear only as counts.
 */

export const license = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;

export interface Dataset {
  name: string;
  title: string;
  /** Columns before the localized ones, the localized ones (by language), and after. */
  columns: string[];
  localized: string[];
  after: string[];
}

export const datasets: Dataset[] = [
  {
    name: 'decisions', title: 'Decisions with their vote totals and implementation',
    columns: ['decisionId', 'decidedAt', 'bodyId', 'meetingId', 'itemId', 'draftId', 'caseId', 'outcome'],
    localized: ['title'],
    after: ['votesFor', 'votesAgainst', 'votesAbstain', 'votesAbsent', 'implementationStatus', 'implementationProgress'],
  },
  { name: 'decision-votes', title: 'How each elected member voted', columns: ['decisionId', 'name', 'group', 'vote'], localized: [], after: [] },
  {
    name: 'results', title: 'Implementation results of decisions',
    columns: ['decisionId', 'resultId', 'externalId', 'parentId'], localized: ['title'],
    after: ['startDate', 'endDate', 'weight', 'status', 'progress', 'updatedAt'],
  },
  { name: 'timeline', title: 'Every change to the implementation results', columns: ['decisionId', 'entryId', 'resultId', 'at', 'status', 'progress'], localized: ['note'], after: [] },
  { name: 'meetings', title: 'Meetings of decision-making bodies', columns: ['meetingId', 'bodyId', 'startsAt', 'endsAt', 'status', 'agendaPublishedAt'], localized: ['title'], after: [] },
  {
    name: 'agenda-items', title: 'Items of published agendas',
    columns: ['meetingId', 'itemId', 'number', 'section', 'caseId', 'draftId', 'decisionId'], localized: ['title'], after: [],
  },
  {
    name: 'participation', title: 'Participation per draft (counts only)',
    columns: ['draftId', 'caseId', 'status', 'opensAt', 'closesAt'], localized: ['title'], after: ['comments', 'participants', 'polls', 'pollAnswers'],
  },
];

/** A dataset's header for these languages. */
export const header = (d: Dataset, languages: string[]): string[] =>
  [...d.columns, ...d.localized.flatMap((field) => languages.map((l) => `${field}_${l}`)), ...d.after];
