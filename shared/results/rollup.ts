/**
 * How progress rolls up (pure): a result with children has the weighted mean of their
 * progress, recursively; the decision has the weighted mean of its top-level results.
 * Every level is computed from the leaves' reported values at full precision and rounded
 * only when stored, so rounding never compounds and the numbers are the same however the
 * results were reached. Weights of 0 leave a result out; if all are 0, the mean is plain.
 * The decision's status comes from its results without parts (where the work is): none or
 * only planned -> planned; all cancelled -> cancelled; of the rest, all completed ->
 * completed, any delayed -> delayed, any started -> in_progress.
 */
import type { ResultStatus } from '#shared/results/schema.ts';

export interface Node {
  id: string;
  parentId?: string;
  weight: number;
  /** What staff reported; used when the result has no children. */
  reported: number;
  status: ResultStatus;
}

export interface Rollup {
  /** Each result's progress, rounded to hundredths. */
  progress: Map<string, number>;
  implementation: { status: ResultStatus; progress: number };
}

export const round = (value: number): number => Math.round(value * 100) / 100;

const weightedMean = (parts: { value: number; weight: number }[]): number => {
  if (parts.length === 0) return 0;
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  if (total === 0) return parts.reduce((sum, p) => sum + p.value, 0) / parts.length;
  return parts.reduce((sum, p) => sum + p.value * p.weight, 0) / total;
};

export function statusOf(statuses: ResultStatus[]): ResultStatus {
  const active = statuses.filter((s) => s !== 'cancelled');
  if (statuses.length > 0 && active.length === 0) return 'cancelled';
  if (active.length > 0 && active.every((s) => s === 'completed')) return 'completed';
  if (active.includes('delayed')) return 'delayed';
  if (active.some((s) => s === 'in_progress' || s === 'completed')) return 'in_progress';
  return 'planned';
}

export function rollUp(nodes: Node[]): Rollup {
  const children = new Map<string | undefined, Node[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const exact = new Map<string, number>();
  const valueOf = (n: Node, depth = 0): number => {
    const known = exact.get(n.id);
    if (known !== undefined) return known;
    if (depth > nodes.length) throw new Error('results form a cycle');
    const kids = children.get(n.id) ?? [];
    const value = kids.length === 0 ? n.reported : weightedMean(kids.map((k) => ({ value: valueOf(k, depth + 1), weight: k.weight })));
    exact.set(n.id, value);
    return value;
  };
  const roots = children.get(undefined) ?? [];
  const decision = weightedMean(roots.map((r) => ({ value: valueOf(r), weight: r.weight })));
  for (const n of nodes) valueOf(n);
  return {
    progress: new Map([...exact].map(([id, v]) => [id, round(v)])),
    implementation: { status: statusOf(nodes.filter((n) => !children.has(n.id)).map((n) => n.status)), progress: round(decision) },
  };
}

/** Which results a change to `id` can move: it and its ancestors. */
export function lineage(nodes: Pick<Node, 'id' | 'parentId'>[], id: string): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  for (let at = byId.get(id); at && out.length <= nodes.length; at = at.parentId ? byId.get(at.parentId) : undefined) out.push(at.id);
  return out;
}
