/** Pure rules of cases: one spelling of a case id, and the order a case's story is told in. */
import { caseIdFrom } from '#shared/ahjo/html.ts';

/**
 * The one spelling of a municipal case id: `HEL 2025-001216`, `hel-2025-001216` and
 * `HEL-2025-001216` are one case. Ids of other systems (`DEMO-2026-000198`, `2025/123`) keep
 * their characters, upper-cased, with runs of spaces and dashes as one dash.
 */
export function caseIdOf(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 64) return undefined;
  const ahjo = caseIdFrom(trimmed.toUpperCase());
  if (ahjo) return ahjo;
  const id = trimmed.toUpperCase().replace(/[\s-]+/g, '-');
  return /^[\p{L}\p{N}][\p{L}\p{N}._:/-]{0,63}$/u.test(id) ? id : undefined;
}

export interface Dated {
  at: string;
  kind: string;
  id: string;
}

/** Oldest first; at the same moment a draft comes before its agenda item, which comes before its decision. */
const rank: Record<string, number> = { handling: 0, draft: 1, agendaItem: 2, decision: 3 };
export const inTimeOrder = <T extends Dated>(entries: T[]): T[] =>
  [...entries].sort((a, b) => a.at.localeCompare(b.at) || (rank[a.kind] ?? 9) - (rank[b.kind] ?? 9) || a.id.localeCompare(b.id));
