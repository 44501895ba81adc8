import { describe, expect, it } from 'vitest';
import { draftStatus, isOpen, missingForPublication, publicationWindow } from '#shared/drafts/rules.ts';

const at = (iso: string) => new Date(iso);
const published = {
  publishedAt: '2026-03-01T08:00:00.000Z',
  opensAt: '2026-03-02T00:00:00.000Z',
  closesAt: '2026-03-20T00:00:00.000Z',
};

describe('draftStatus', () => {
  it('an unpublished draft is a draft whatever the time', () => {
    expect(draftStatus({}, at('2026-03-10T00:00:00.000Z'))).toBe('draft');
    expect(draftStatus({ opensAt: published.opensAt, closesAt: published.closesAt }, at('2026-03-10T00:00:00.000Z'))).toBe('draft');
  });

  it('before opensAt a published draft is scheduled', () => {
    expect(draftStatus(published, at('2026-03-01T23:59:59.999Z'))).toBe('scheduled');
  });

  it('exactly at opensAt participation is open', () => {
    expect(draftStatus(published, at(published.opensAt))).toBe('open');
    expect(isOpen(published, at(published.opensAt))).toBe(true);
  });

  it('one millisecond before closesAt it is still open', () => {
    expect(draftStatus(published, at('2026-03-19T23:59:59.999Z'))).toBe('open');
  });

  it('exactly at closesAt the draft is closed', () => {
    expect(draftStatus(published, at(published.closesAt))).toBe('closed');
    expect(isOpen(published, at(published.closesAt))).toBe(false);
  });

  it('after closesAt the draft is closed even though nothing was stored', () => {
    expect(draftStatus(published, at('2027-01-01T00:00:00.000Z'))).toBe('closed');
  });

  it('a decision wins over every time-derived status', () => {
    const decided = { ...published, decisionId: '01J00000000000000000000000' };
    for (const now of ['2026-03-01T12:00:00.000Z', '2026-03-10T00:00:00.000Z', '2026-04-01T00:00:00.000Z']) {
      expect(draftStatus(decided, at(now))).toBe('decided');
    }
  });
});

describe('publicationWindow', () => {
  const now = at('2026-05-01T12:00:00.000Z');

  it('opens now when opensAt is not given', () => {
    expect(publicationWindow({ closesAt: '2026-05-10T00:00:00.000Z' }, now)).toEqual({
      opensAt: '2026-05-01T12:00:00.000Z',
      closesAt: '2026-05-10T00:00:00.000Z',
    });
  });

  it('keeps a future opening time (a scheduled publication)', () => {
    expect(publicationWindow({ opensAt: '2026-05-03T00:00:00.000Z', closesAt: '2026-05-10T00:00:00.000Z' }, now)).toEqual({
      opensAt: '2026-05-03T00:00:00.000Z',
      closesAt: '2026-05-10T00:00:00.000Z',
    });
  });

  it('refuses a window that closes now or in the past', () => {
    expect(publicationWindow({ closesAt: '2026-05-01T12:00:00.000Z' }, now)).toEqual({ error: 'closesAt must be in the future' });
    expect(publicationWindow({ closesAt: '2026-04-01T00:00:00.000Z' }, now)).toEqual({ error: 'closesAt must be in the future' });
  });

  it('refuses a window that closes when or before it opens', () => {
    expect(publicationWindow({ opensAt: '2026-05-10T00:00:00.000Z', closesAt: '2026-05-10T00:00:00.000Z' }, now))
      .toEqual({ error: 'closesAt must be after opensAt' });
    expect(publicationWindow({ opensAt: '2026-05-11T00:00:00.000Z', closesAt: '2026-05-10T00:00:00.000Z' }, now))
      .toEqual({ error: 'closesAt must be after opensAt' });
  });
});

describe('missingForPublication', () => {
  const section = (fi: string, sv?: string) => ({ title: { fi, ...(sv ? { sv } : {}) }, body: { fi, ...(sv ? { sv } : {}) } });

  it('finds nothing when every localized field has every required language', () => {
    expect(missingForPublication({ title: { fi: 'a', sv: 'b' }, summary: { fi: 'a', sv: 'b' }, sections: [section('a', 'b')] }, ['fi', 'sv']))
      .toEqual([]);
  });

  it('names each field lacking a language, by path, with the languages it lacks', () => {
    const missing = missingForPublication(
      { title: { fi: 'a' }, summary: { sv: 'b' }, sections: [section('a', 'b'), section('c')] },
      ['fi', 'sv'],
    );
    expect(missing).toEqual([
      { path: 'title', languages: ['sv'] },
      { path: 'summary', languages: ['fi'] },
      { path: 'sections.1.title', languages: ['sv'] },
      { path: 'sections.1.body', languages: ['sv'] },
    ]);
  });

  it('an absent summary needs no languages', () => {
    expect(missingForPublication({ title: { fi: 'a' }, sections: [section('a')] }, ['fi'])).toEqual([]);
  });
});
