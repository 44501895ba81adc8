import { describe, expect, it } from 'vitest';
import { nextVersion } from '#shared/drafts/edit.ts';
import type { DraftItem } from '#shared/drafts/repository.ts';
import { Problem } from '#shared/http/problem.ts';

const sectionA = '01J0000000000000000000000A';
const sectionB = '01J0000000000000000000000B';
const now = new Date('2026-06-01T10:00:00.000Z');

const stored = (overrides: Partial<DraftItem> = {}): DraftItem => ({
  pk: 'DRAFT#01J00000000000000000000000',
  sk: 'DRAFT',
  type: 'draft',
  id: '01J00000000000000000000000',
  version: 3,
  title: { fi: 'Otsikko', sv: 'Rubrik' },
  sections: [
    { id: sectionA, title: { fi: 'A', sv: 'A' }, body: { fi: 'a', sv: 'a' } },
    { id: sectionB, title: { fi: 'B', sv: 'B' }, body: { fi: 'b', sv: 'b' } },
  ],
  commenting: 'registered',
  tags: [],
  commentCount: 0,
  createdAt: '2026-05-01T10:00:00.000Z',
  updatedAt: '2026-05-01T10:00:00.000Z',
  ...overrides,
});
const publishedDraft = () => stored({ publishedAt: '2026-05-02T00:00:00.000Z', opensAt: '2026-05-02T00:00:00.000Z', closesAt: '2026-07-01T00:00:00.000Z' });

/** The problem `fn` throws (fails the test when it throws none). */
const problemOf = (fn: () => unknown): Problem => {
  try {
    fn();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a problem');
};

describe('nextVersion', () => {
  it('an unpublished draft is edited without a changelog, one version up', () => {
    const next = nextVersion(stored(), { tags: ['x'] }, now, ['fi', 'sv']);
    expect(next.version).toBe(4);
    expect(next.tags).toEqual(['x']);
    expect(next.updatedAt).toBe(now.toISOString());
    expect(next.title).toEqual({ fi: 'Otsikko', sv: 'Rubrik' });
  });

  it('a published draft needs a changelog: 422 naming body.changelog', () => {
    const problem = problemOf(() => nextVersion(publishedDraft(), { tags: ['x'] }, now, ['fi']));
    expect(problem.status).toBe(422);
    expect(problem.toJSON().errors).toEqual([{ path: 'body.changelog', message: expect.any(String) }]);
  });

  it('a published draft with a changelog gets the next version carrying it', () => {
    const next = nextVersion(publishedDraft(), { tags: ['x'], changelog: { fi: 'Muutos', sv: 'Ändring' } }, now, ['fi', 'sv']);
    expect(next.version).toBe(4);
    expect(next.changelog).toEqual({ fi: 'Muutos', sv: 'Ändring' });
  });

  it('sections sent with their ids keep them; new sections get new ids', () => {
    const next = nextVersion(stored(), {
      sections: [
        { id: sectionB, title: { fi: 'B2' }, body: { fi: 'b2' } },
        { title: { fi: 'C' }, body: { fi: 'c' } },
      ],
    }, now, ['fi']);
    expect(next.sections[0]).toEqual({ id: sectionB, title: { fi: 'B2' }, body: { fi: 'b2' } });
    expect(next.sections[1]!.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([sectionA, sectionB]).not.toContain(next.sections[1]!.id);
  });

  it('a section id the draft does not have is 422 at its path', () => {
    const problem = problemOf(() => nextVersion(stored(), {
      sections: [
        { id: sectionA, title: { fi: 'A' }, body: { fi: 'a' } },
        { id: '01J0000000000000000000000Z', title: { fi: 'Z' }, body: { fi: 'z' } },
      ],
    }, now, ['fi']));
    expect(problem.status).toBe(422);
    expect(problem.toJSON().errors).toEqual([{ path: 'body.sections.1.id', message: 'unknown section id' }]);
  });

  it('the same section id twice is 422', () => {
    const problem = problemOf(() => nextVersion(stored(), {
      sections: [
        { id: sectionA, title: { fi: 'A' }, body: { fi: 'a' } },
        { id: sectionA, title: { fi: 'A' }, body: { fi: 'a' } },
      ],
    }, now, ['fi']));
    expect(problem.status).toBe(422);
  });

  it('a published draft cannot lose a required language: 422 missing-languages with body paths', () => {
    const problem = problemOf(() => nextVersion(publishedDraft(), { title: { fi: 'Vain suomeksi' }, changelog: { fi: 'x', sv: 'x' } }, now, ['fi', 'sv']));
    expect(problem.status).toBe(422);
    expect(problem.slug).toBe('missing-languages');
    expect(problem.toJSON().errors).toEqual([{ path: 'body.title', message: 'missing sv' }]);
  });

  it('null clears the summary and the case id', () => {
    const next = nextVersion(stored({ summary: { fi: 's' }, caseId: 'HEL-1' }), { summary: null, caseId: null }, now, ['fi']);
    expect(next.summary).toBeUndefined();
    expect(next.caseId).toBeUndefined();
  });

  it('does not change the draft it was given', () => {
    const current = stored();
    nextVersion(current, { tags: ['x'], sections: [{ title: { fi: 'N' }, body: { fi: 'n' } }] }, now, ['fi']);
    expect(current).toEqual(stored());
  });
});
