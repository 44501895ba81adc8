import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineage, rollUp, statusOf, type Node } from '#shared/results/rollup.ts';
import { checkDates, checkParent, maxDepth, patched, type ResultState } from '#shared/results/rules.ts';
import { Problem } from '#shared/http/problem.ts';

const node = (id: string, reported: number, weight = 1, parentId?: string, status: Node['status'] = 'in_progress'): Node =>
  ({ id, reported, weight, parentId, status });

describe('progress roll-up', () => {
  it("a parent's progress is the weighted mean of its children's", () => {
    const r = rollUp([node('p', 0), node('a', 100, 3, 'p'), node('b', 0, 1, 'p')]);
    expect(r.progress.get('p')).toBe(75);
  });

  it("the decision's progress is the weighted mean of its top-level results, through every level", () => {
    // p = (100*1 + 40*1)/2 = 70; q = 10; decision = (70*2 + 10*1)/3 = 50
    const r = rollUp([node('p', 0, 2), node('a', 100, 1, 'p'), node('b', 40, 1, 'p'), node('q', 10, 1)]);
    expect(r.implementation.progress).toBe(50);
  });

  it('rounding happens once, at the end, so it never compounds across levels', () => {
    // Thirds at two levels: rounding each level would give 33.33 -> 33.33; exact is 100/3.
    const r = rollUp([node('p', 0), node('a', 100, 1, 'p'), node('b', 0, 1, 'p'), node('c', 0, 1, 'p'), node('q', 100 / 3)]);
    expect(r.progress.get('p')).toBe(33.33);
    expect(r.implementation.progress).toBe(33.33);
  });

  it('a weight of 0 leaves a result out; all weights 0 make a plain mean', () => {
    expect(rollUp([node('a', 80, 1), node('b', 0, 0)]).implementation.progress).toBe(80);
    expect(rollUp([node('a', 80, 0), node('b', 20, 0)]).implementation.progress).toBe(50);
  });

  it('no results: planned at 0', () => {
    expect(rollUp([]).implementation).toEqual({ status: 'planned', progress: 0 });
  });

  it('the result is the same in whatever order the results are listed', () => {
    const results = [node('p', 0, 2), node('a', 90, 1, 'p'), node('b', 30, 2, 'p'), node('q', 55, 1), node('c', 12, 1, 'a')];
    fc.assert(fc.property(fc.shuffledSubarray(results, { minLength: results.length }), (shuffled) => {
      expect(rollUp(shuffled)).toEqual(rollUp(results));
    }));
  });

  it("equals a direct weighted mean of the leaves' values for a flat list", () => {
    fc.assert(fc.property(
      fc.array(fc.record({ value: fc.integer({ min: 0, max: 100 }), weight: fc.integer({ min: 1, max: 10 }) }), { minLength: 1, maxLength: 30 }),
      (leaves) => {
        const expected = leaves.reduce((s, l) => s + l.value * l.weight, 0) / leaves.reduce((s, l) => s + l.weight, 0);
        const r = rollUp(leaves.map((l, i) => node(`n${i}`, l.value, l.weight)));
        // Exact up to the final rounding to hundredths.
        expect(Math.abs(r.implementation.progress - expected)).toBeLessThanOrEqual(0.005 + 1e-9);
      },
    ));
  });

  it('lineage names a result and its ancestors, nearest first', () => {
    expect(lineage([node('p', 0), node('a', 0, 1, 'p'), node('c', 0, 1, 'a')], 'c')).toEqual(['c', 'a', 'p']);
  });
});

describe("the decision's status", () => {
  it.each([
    [[], 'planned'],
    [['planned', 'planned'], 'planned'],
    [['planned', 'in_progress'], 'in_progress'],
    [['completed', 'planned'], 'in_progress'],
    [['completed', 'completed', 'cancelled'], 'completed'],
    [['in_progress', 'delayed'], 'delayed'],
    [['cancelled', 'cancelled'], 'cancelled'],
  ] as const)('of %j is %s', (statuses, expected) => {
    expect(statusOf([...statuses])).toBe(expected);
  });
});

const slugOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof Problem ? `${error.status} ${error.slug} ${JSON.stringify(error.toJSON().errors)}` : String(error);
  }
};

describe('where a result may go', () => {
  it('under a result of the same decision, at most four levels deep', () => {
    const chain = [{ id: 'a' }, { id: 'b', parentId: 'a' }, { id: 'c', parentId: 'b' }];
    expect(slugOf(() => checkParent(chain, undefined))).toBeUndefined();
    expect(slugOf(() => checkParent(chain, 'c'))).toBeUndefined();
    expect(maxDepth).toBe(4);
    expect(slugOf(() => checkParent([...chain, { id: 'd', parentId: 'c' }], 'd'))).toMatch(/^422 unprocessable .*body.parentId.*too deep/);
    expect(slugOf(() => checkParent(chain, 'nope'))).toMatch(/^422 unprocessable .*unknown result/);
  });

  it('an end before the start is refused', () => {
    expect(slugOf(() => checkDates('2027-05-01', '2027-04-30'))).toMatch(/^422 unprocessable .*body.endDate/);
    expect(slugOf(() => checkDates('2027-05-01', '2027-05-01'))).toBeUndefined();
  });
});

describe('a report on a result', () => {
  const leaf: ResultState = {
    id: 'r', title: { fi: 'Tulos' }, weight: 1, status: 'planned', reported: 0, childCount: 0, version: 3, updatedAt: '2027-01-01T00:00:00.000Z',
  };
  const now = new Date('2027-02-01T00:00:00.000Z');

  it('sets what it names and moves the version on', () => {
    expect(patched(leaf, { status: 'in_progress', progress: 30 }, now)).toMatchObject({ status: 'in_progress', reported: 30, version: 4, updatedAt: now.toISOString() });
  });

  it('cannot set the progress of a result with parts', () => {
    expect(slugOf(() => patched({ ...leaf, childCount: 2 }, { progress: 30 }, now))).toMatch(/^422 unprocessable .*body.progress/);
    expect(patched({ ...leaf, childCount: 2 }, { status: 'delayed' }, now).status).toBe('delayed');
  });

  it('clears an optional field sent as null', () => {
    expect(patched({ ...leaf, description: { fi: 'x' }, endDate: '2027-03-01' }, { description: null, endDate: null }, now))
      .toMatchObject({ description: undefined, endDate: undefined });
  });
});
