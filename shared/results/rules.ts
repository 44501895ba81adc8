/** Pure rules of reporting results: where a result may sit in the tree, and what a PATCH makes of one. */
import { unprocessable } from '#shared/http/problem.ts';
import type { Localized } from '#shared/schema.ts';
import type { PatchResultBody, PutResultBody, ResultStatus } from '#shared/results/schema.ts';
import { canonicalJson } from '#shared/meetings/rules.ts';

/** Levels of results under a decision (a result, its parts, their parts, …). */
export const maxDepth = 4;
/** Results one decision holds: every roll-up reads them all. */
export const maxResults = 500;

export interface ResultState {
  id: string;
  parentId?: string;
  title: Localized;
  description?: Localized;
  startDate?: string;
  endDate?: string;
  weight: number;
  status: ResultStatus;
  reported: number;
  childCount: number;
  externalId?: string;
  version: number;
  updatedAt: string;
}

/** The parent a new result may have, or the problem with it. */
export function checkParent(results: Pick<ResultState, 'id' | 'parentId'>[], parentId: string | undefined): void {
  if (results.length >= maxResults) {
    throw unprocessable(`A decision holds at most ${maxResults} results.`, [{ path: 'body', message: 'too many results' }]);
  }
  if (parentId === undefined) return;
  const byId = new Map(results.map((r) => [r.id, r]));
  if (!byId.has(parentId)) throw unprocessable('This decision has no such result.', [{ path: 'body.parentId', message: 'unknown result' }]);
  let depth = 1;
  for (let at = byId.get(parentId); at?.parentId; at = byId.get(at.parentId)) depth++;
  if (depth >= maxDepth) {
    throw unprocessable(`Results nest at most ${maxDepth} levels deep.`, [{ path: 'body.parentId', message: 'too deep' }]);
  }
}

export function checkDates(startDate: string | undefined, endDate: string | undefined, path = 'body'): void {
  if (startDate && endDate && endDate < startDate) {
    throw unprocessable('A result cannot end before it starts.', [{ path: `${path}.endDate`, message: 'before startDate' }]);
  }
}

/** The result after `patch`; the caller bumps the version and rolls up. */
export function patched(current: ResultState, patch: PatchResultBody, now: Date): ResultState {
  if (patch.progress !== undefined && current.childCount > 0) {
    throw unprocessable("A result with parts takes its progress from them; report progress on the parts.", [
      { path: 'body.progress', message: 'derived from the parts' },
    ]);
  }
  const next: ResultState = {
    ...current,
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.progress !== undefined ? { reported: patch.progress } : {}),
    ...(patch.title ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description ?? undefined } : {}),
    ...(patch.startDate !== undefined ? { startDate: patch.startDate ?? undefined } : {}),
    ...(patch.endDate !== undefined ? { endDate: patch.endDate ?? undefined } : {}),
    ...(patch.weight !== undefined ? { weight: patch.weight } : {}),
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  checkDates(next.startDate, next.endDate);
  return next;
}

const reported = (r: ResultState) =>
  canonicalJson([r.title, r.description, r.startDate, r.endDate, r.weight, r.status, r.reported]);

/**
 * What a PUT by external id makes of the result it names: the result after it, or undefined
 * when it changes nothing (a repeat, or a re-run of the same file). Its parent never moves.
 */
export function putOnExisting(current: ResultState, body: PutResultBody, now: Date): ResultState | undefined {
  if (body.parentId !== undefined && body.parentId !== current.parentId) {
    throw unprocessable('A result keeps its place in the tree; its parent cannot change.', [{ path: 'body.parentId', message: 'differs from the result\'s parent' }]);
  }
  const { parentId: _, note: __, ...patch } = body;
  const next = patched(current, patch, now);
  return reported(next) === reported(current) ? undefined : next;
}
