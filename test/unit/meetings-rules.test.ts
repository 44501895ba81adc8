import { describe, expect, it } from 'vitest';
import { agendaChanges, droppedDecided, missingForAgenda, replacedAgenda, type StoredAgendaItem } from '#shared/meetings/rules.ts';
import { decidableItem, defaultDecidedAt } from '#shared/decisions/rules.ts';
import type { MeetingItem } from '#shared/meetings/repository.ts';

let counter = 0;
const newId = () => `NEW${String(++counter).padStart(23, '0')}`;

const imported: StoredAgendaItem = {
  id: 'A'.repeat(26), number: 1, title: { fi: 'Asia A' }, section: '12 §',
  documents: [{ language: 'fi', contentKey: 'k', pdfUrl: 'https://x/a.pdf' }], source: { system: 'ahjo', id: 'point:1' },
};
const second: StoredAgendaItem = { id: 'B'.repeat(26), number: 2, title: { fi: 'Asia B' }, documents: [] };

describe('replacing an agenda', () => {
  it('numbers items 1..n in the order sent; new items get new ids', () => {
    const items = replacedAgenda([imported, second], [{ id: second.id, title: { fi: 'B' } }, { title: { fi: 'Uusi' } }], newId);
    expect(items.map((i) => [i.number, i.title.fi])).toEqual([[1, 'B'], [2, 'Uusi']]);
    expect(items[0]!.id).toBe(second.id);
    expect(items[1]!.id).toMatch(/^NEW/);
  });

  it('a kept item keeps what staff cannot send: section, documents, source', () => {
    const [item] = replacedAgenda([imported], [{ id: imported.id, title: { fi: 'Korjattu' }, draftId: 'D'.repeat(26) }], newId);
    expect(item).toEqual({ ...imported, title: { fi: 'Korjattu' }, draftId: 'D'.repeat(26) });
  });

  it('an unknown or repeated id is refused, naming the item', () => {
    expect(() => replacedAgenda([imported], [{ id: 'Z'.repeat(26), title: { fi: 'x' } }], newId)).toThrow(expect.objectContaining({ status: 422 }));
    try {
      replacedAgenda([imported], [{ id: imported.id, title: { fi: 'x' } }, { id: imported.id, title: { fi: 'y' } }], newId);
      expect.unreachable();
    } catch (error) {
      expect((error as { extra: { errors: unknown } }).extra.errors).toEqual([{ path: 'body.items.1.id', message: 'the same item appears twice' }]);
    }
  });
});

describe('what changed between agenda versions', () => {
  it('names added, removed and changed items with the changed fields', () => {
    const after = [{ ...second, number: 1, title: { fi: 'Asia B, korjattu' } }, { id: 'C'.repeat(26), number: 2, title: { fi: 'C' }, documents: [] }];
    expect(agendaChanges([imported, second], after)).toEqual([
      { itemId: second.id, number: 1, change: 'changed', fields: ['number', 'title'] },
      { itemId: 'C'.repeat(26), number: 2, change: 'added', fields: [] },
      { itemId: imported.id, number: null, change: 'removed', fields: [] },
    ]);
  });

  it('nothing changed when only the key order of stored maps differs', () => {
    const reordered = { ...imported, title: { fi: 'Asia A' }, documents: [{ pdfUrl: 'https://x/a.pdf', contentKey: 'k', language: 'fi' }] };
    expect(agendaChanges([imported], [reordered])).toEqual([]);
  });

  it('a decided item may not be dropped', () => {
    expect(droppedDecided([second], { [imported.id]: 'DEC' })).toEqual([imported.id]);
    expect(droppedDecided([imported], { [imported.id]: 'DEC' })).toEqual([]);
  });

  it('publishing needs every required language in every item', () => {
    expect(missingForAgenda([{ ...second, summary: { fi: 'x', sv: 'y' } }], ['fi', 'sv'])).toEqual([{ path: 'items.0.title', languages: ['sv'] }]);
  });
});

describe('recording a decision', () => {
  const meeting = {
    id: 'M'.repeat(26), status: 'scheduled', startsAt: '2026-01-10T14:00:00.000Z', agendaPublishedAt: '2026-01-03T10:00:00.000Z',
    agenda: { items: [imported] }, decisions: {},
  } as unknown as MeetingItem;

  it('needs the item on a published agenda of a meeting that was not cancelled, undecided', () => {
    expect(decidableItem(meeting, imported.id)).toBe(imported);
    expect(() => decidableItem(meeting, second.id)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => decidableItem({ ...meeting, agendaPublishedAt: undefined }, imported.id)).toThrow(expect.objectContaining({ slug: 'agenda-not-published' }));
    expect(() => decidableItem({ ...meeting, status: 'cancelled' }, imported.id)).toThrow(expect.objectContaining({ slug: 'meeting-cancelled' }));
    expect(() => decidableItem({ ...meeting, decisions: { [imported.id]: 'DEC' } }, imported.id)).toThrow(expect.objectContaining({ slug: 'decision-exists' }));
  });

  it('was made at the meeting, unless the meeting is still ahead', () => {
    expect(defaultDecidedAt(meeting, new Date('2026-01-11T00:00:00.000Z'))).toBe(meeting.startsAt);
    expect(defaultDecidedAt(meeting, new Date('2026-01-09T00:00:00.000Z'))).toBe('2026-01-09T00:00:00.000Z');
  });
});
