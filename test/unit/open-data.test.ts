import { describe, expect, it } from 'vitest';
import { datasets, header } from '#shared/open-data/datasets.ts';
import { datasetCsv, datasetJsonLines } from '#shared/open-data/files.ts';
import { decisionRows, meetingRows, resultRows, voteRows } from '#shared/open-data/rows.ts';
import { parseCsv } from '#shared/results/import.ts';
import type { DecisionItem } from '#shared/decisions/repository.ts';
import type { ResultItem } from '#shared/results/repository.ts';
import type { MeetingItem } from '#shared/meetings/repository.ts';

const dataset = (name: string) => datasets.find((d) => d.name === name)!;
const decision = {
  id: '01KAP5M0N1P2Q3R4S5T6V7W8X9', decidedAt: '2025-01-27T00:00:00.000Z', bodyId: '01KAP5A0B1C2D3E4F5G6H7J8KC', meetingId: '01KAP5A0B1C2D3E4F5G6H7J8KB',
  itemId: '01KAP5A0B1C2D3E4F5G6H7J8KD', caseId: 'HEL-2025-001216', outcome: 'approved', title: { fi: 'Aloite', sv: 'Motion' },
  voteCounts: { for: 11, against: 2, abstain: 0, absent: 0 }, implementation: { status: 'in_progress', progress: 40 },
  members: [{ name: 'Putte, Possu', group: 'Sosiaalidemokraattinen valtuustoryhmä', vote: 'for' }, { name: 'Aaa, Bbb', group: null, vote: 'against' }],
  text: { fi: 'Päätösteksti' }, createdAt: '2025-01-31T00:00:00.000Z',
} as unknown as DecisionItem;
const result = {
  decisionId: decision.id, id: '01KAP5Y0Z1A2B3C4D5E6F7G8H9', externalId: 'D-1', title: { fi: '=Pyöräreitit' }, weight: 1, status: 'in_progress', progress: 40,
  reported: 40, childCount: 0, version: 2, createdAt: '2025-02-01T00:00:00.000Z', updatedAt: '2025-03-01T00:00:00.000Z',
} as unknown as ResultItem;

describe('open-data files', () => {
  it('have stable column names, localized fields one column per language', () => {
    expect(header(dataset('decisions'), ['fi', 'sv'])).toEqual([
      'decisionId', 'decidedAt', 'bodyId', 'meetingId', 'itemId', 'draftId', 'caseId', 'outcome', 'title_fi', 'title_sv',
      'votesFor', 'votesAgainst', 'votesAbstain', 'votesAbsent', 'implementationStatus', 'implementationProgress',
    ]);
    expect(new Set(datasets.map((d) => d.name)).size).toBe(datasets.length);
  });

  it('carry the decisions with their votes, in CSV and JSON Lines alike', () => {
    const rows = decisionRows([decision]);
    const table = parseCsv(datasetCsv(dataset('decisions'), ['fi', 'sv'], rows));
    const lines = datasetJsonLines(dataset('decisions'), ['fi', 'sv'], rows).trim().split('\n').map((l) => JSON.parse(l));
    expect(table).toHaveLength(2);
    expect(Object.fromEntries(table[0]!.map((c, i) => [c, table[1]![i]]))).toMatchObject({ decisionId: decision.id, title_sv: 'Motion', votesFor: '11', implementationProgress: '40' });
    expect(lines).toEqual([expect.objectContaining({ decisionId: decision.id, title_fi: 'Aloite', votesFor: 11, votesAgainst: 2, draftId: null })]);
    expect(voteRows([decision])).toEqual([
      { decisionId: decision.id, name: 'Putte, Possu', group: 'Sosiaalidemokraattinen valtuustoryhmä', vote: 'for' },
      { decisionId: decision.id, name: 'Aaa, Bbb', group: null, vote: 'against' },
    ]);
  });

  it('carry results safely for spreadsheets and as they are in JSON Lines', () => {
    const rows = resultRows([result]);
    expect(datasetCsv(dataset('results'), ['fi'], rows)).toContain(",'=Pyöräreitit,");
    expect(JSON.parse(datasetJsonLines(dataset('results'), ['fi'], rows))).toMatchObject({ externalId: 'D-1', title_fi: '=Pyöräreitit', progress: 40 });
  });

  it('list agenda items of published agendas only, and say a past meeting was held', () => {
    const base = { id: 'm1', bodyId: 'b1', startsAt: '2025-01-27T14:00:00.000Z', status: 'scheduled', decisions: {}, agenda: { items: [{ id: 'i1', number: 1, title: { fi: 'Asia' }, documents: [] }] } };
    const { meetings, agendaItems } = meetingRows([
      { ...base, agendaPublishedAt: '2025-01-20T00:00:00.000Z' } as unknown as MeetingItem,
      { ...base, id: 'm2', startsAt: '2099-01-01T00:00:00.000Z' } as unknown as MeetingItem,
    ], new Date('2026-01-01T00:00:00.000Z'));
    expect(meetings.map((m) => m.status)).toEqual(['held', 'scheduled']);
    expect(agendaItems.map((i) => i.meetingId)).toEqual(['m1']);
  });
});
