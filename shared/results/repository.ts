/**
 * Implementation results in the decision's item collection `DECISION#<id>`:
 *   `RESULT#<rid>`               one result (a tree through `parentId`);
 *   `TIMELINE#<at>#<entryId>`    one timeline entry, written once and never changed.
 * The decision item keeps the roll-up (`implementation`) and `resultsVersion`, a counter
 * of every change to its results.
 *
 * Why the roll-up stays exact under concurrency: every change reads the whole tree, works
 * out every progress from the leaves (rollup.ts) and commits in ONE transaction the changed
 * result, the ancestors whose progress moved, the decision's `implementation` and the
 * timeline entry, on condition that `resultsVersion` is still what it read. Two staff
 * members changing siblings at once both read version n; one commits n+1, the other's
 * condition fails and it reads again, now seeing its sibling's value, and commits n+2. So
 * every stored number is computed from exactly the leaf values committed with it.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { queryPage } from '#shared/data/page.ts';
import { tableName } from '#shared/data/table.ts';
import { TransactionCancelled, transact, type TransactItem } from '#shared/data/transact.ts';
import { newId } from '#shared/ids.ts';
import { implementationBusy, notFound, preconditionFailed } from '#shared/http/problem.ts';
import type { Localized, Page } from '#shared/schema.ts';
import { decisionKey } from '#shared/decisions/repository.ts';
import { lineage, rollUp, type Rollup } from '#shared/results/rollup.ts';
import { checkDates, checkParent, putOnExisting, type ResultState } from '#shared/results/rules.ts';
import type { PutResultBody, Result, ResultStatus, TimelineEntry } from '#shared/results/schema.ts';
import { clean } from '#shared/meetings/rules.ts';

export interface ResultItem extends ResultState {
  pk: string;
  sk: string;
  type: 'result';
  decisionId: string;
  /** As rolled up: `reported` for a result without parts, else the weighted mean of its parts. */
  progress: number;
  createdAt: string;
}

export interface TimelineItem {
  pk: string;
  sk: string;
  type: 'timelineEntry';
  id: string;
  decisionId: string;
  resultId: string;
  title: Localized;
  status: ResultStatus;
  progress: number;
  note?: Localized;
  at: string;
  /** The decision's roll-up right after this change. */
  implementation: Rollup['implementation'];
}

const resultKey = (decisionId: string, id: string) => ({ pk: `DECISION#${decisionId}`, sk: `RESULT#${id}` });

export const resultView = (r: ResultItem): Result => ({
  id: r.id,
  decisionId: r.decisionId,
  parentId: r.parentId ?? null,
  title: r.title,
  description: r.description ?? null,
  startDate: r.startDate ?? null,
  endDate: r.endDate ?? null,
  weight: r.weight,
  status: r.status,
  progress: r.progress,
  childCount: r.childCount,
  externalId: r.externalId ?? null,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const timelineView = (e: TimelineItem): TimelineEntry => ({
  id: e.id,
  at: e.at,
  resultId: e.resultId,
  status: e.status,
  progress: e.progress,
  note: e.note ?? null,
});

interface Collection {
  resultsVersion: number;
  results: ResultItem[];
}

/** The decision's roll-up counter and every result, read consistently (the decision item sorts before the results). */
async function readCollection(decisionId: string): Promise<Collection | undefined> {
  let found = false;
  let resultsVersion = 0;
  const results: ResultItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :decision AND :results',
      ExpressionAttributeValues: { ':pk': `DECISION#${decisionId}`, ':decision': 'DECISION', ':results': 'RESULT#~' },
      ConsistentRead: true,
      ExclusiveStartKey: start,
    }));
    for (const item of out.Items ?? []) {
      if (item.type === 'decision') {
        found = true;
        resultsVersion = (item.resultsVersion as number | undefined) ?? 0;
      } else if (item.type === 'result') {
        results.push(item as ResultItem);
      }
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return found ? { resultsVersion, results } : undefined;
}

/** What one change does to the tree: the result as it will be stored, and whether it is new. */
interface Change {
  next: ResultItem;
  created: boolean;
  note?: Localized;
  /** The version the stored result must still have (updates). */
  expectedVersion?: number;
}

const maxAttempts = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the tree, lets `decide` work out the change (it throws the client's problems),
 * rolls up and commits, again from a fresh read whenever another change got in first.
 */
async function commitChange<C extends Change | { unchanged: ResultItem }>(
  decisionId: string, now: Date, decide: (c: Collection) => C,
): Promise<C extends Change ? { result: ResultItem; entry: TimelineItem } : { result: ResultItem; entry?: TimelineItem }>;
async function commitChange(decisionId: string, now: Date, decide: (c: Collection) => Change | { unchanged: ResultItem }) {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const collection = await readCollection(decisionId);
    if (!collection) throw notFound('Decision');
    const change = decide(collection);
    if ('unchanged' in change) return { result: change.unchanged };
    const stored = new Map(collection.results.map((r) => [r.id, r]));
    const tree = [...collection.results.filter((r) => r.id !== change.next.id), change.next];
    const rollup = rollUp(tree);
    const result: ResultItem = { ...change.next, progress: rollup.progress.get(change.next.id) ?? 0 };
    const at = now.toISOString();
    const entryId = newId();
    const entry: TimelineItem = {
      pk: `DECISION#${decisionId}`,
      sk: `TIMELINE#${at}#${entryId}`,
      type: 'timelineEntry',
      id: entryId,
      decisionId,
      resultId: result.id,
      title: result.title,
      status: result.status,
      progress: result.progress,
      note: change.note,
      at,
      implementation: rollup.implementation,
    };
    const ancestors = result.parentId ? lineage(tree, result.parentId) : [];
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName(),
          Item: result,
          ConditionExpression: change.created ? 'attribute_not_exists(pk)' : 'version = :expected',
          ...(change.created ? {} : { ExpressionAttributeValues: { ':expected': change.expectedVersion } }),
        },
      },
      ...ancestors.flatMap((id): TransactItem[] => {
        const progress = rollup.progress.get(id) ?? 0;
        const grows = change.created && id === result.parentId;
        if (stored.get(id)?.progress === progress && !grows) return [];
        return [{
          Update: {
            TableName: tableName(),
            Key: resultKey(decisionId, id),
            UpdateExpression: grows ? 'SET progress = :progress ADD childCount :one' : 'SET progress = :progress',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':progress': progress, ...(grows ? { ':one': 1 } : {}) },
          },
        }];
      }),
      {
        Update: {
          TableName: tableName(),
          Key: decisionKey(decisionId),
          UpdateExpression: 'SET implementation = :implementation, resultsVersion = :next',
          ConditionExpression: collection.resultsVersion === 0
            ? 'attribute_exists(pk) AND (attribute_not_exists(resultsVersion) OR resultsVersion = :read)'
            : 'resultsVersion = :read',
          ExpressionAttributeValues: { ':implementation': rollup.implementation, ':next': collection.resultsVersion + 1, ':read': collection.resultsVersion },
        },
      },
      { Put: { TableName: tableName(), Item: entry, ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
    try {
      await transact(items);
      return { result, entry };
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      // Someone else changed the tree (or this very result) first: read again. A stale
      // If-Match then shows up as 412 in `decide`.
      await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
    }
  }
  throw implementationBusy();
}

export interface NewResult {
  title: Localized;
  description?: Localized;
  startDate?: string;
  endDate?: string;
  weight: number;
  parentId?: string;
}

/** Adds a result (status planned, progress 0) and rolls the tree up. `check` applies the tree rules. */
export async function createResult(
  decisionId: string, input: NewResult, now: Date, check: (results: ResultItem[]) => void, id: string = newId(),
): Promise<{ result: ResultItem; entry: TimelineItem }> {
  const at = now.toISOString();
  return commitChange(decisionId, now, ({ results }) => {
    check(results);
    return {
      created: true,
      next: {
        ...resultKey(decisionId, id),
        type: 'result',
        id,
        decisionId,
        parentId: input.parentId,
        title: input.title,
        description: input.description,
        startDate: input.startDate,
        endDate: input.endDate,
        weight: input.weight,
        status: 'planned',
        reported: 0,
        progress: 0,
        childCount: 0,
        version: 1,
        createdAt: at,
        updatedAt: at,
      },
    };
  });
}

/**
 * Changes a result that is still at `expectedVersion` (412 otherwise) as `change` says,
 * appending a timeline entry with `note`.
 */
export async function updateResult(
  decisionId: string, id: string, expectedVersion: number, now: Date,
  change: (current: ResultItem) => ResultState, note?: Localized,
): Promise<{ result: ResultItem; entry: TimelineItem }> {
  return commitChange(decisionId, now, ({ results }) => {
    const current = results.find((r) => r.id === id);
    if (!current) throw notFound('Result');
    if (current.version !== expectedVersion) throw preconditionFailed(current.version);
    return { created: false, expectedVersion, note, next: { ...current, ...change(current) } };
  });
}

/**
 * Creates or updates the result the municipality's own system knows as `externalId`. The
 * external id is found in the collection every change reads anyway, and the commit holds only
 * if nothing changed meanwhile, so two PUTs of one new external id create it once.
 */
export async function putByExternalId(
  decisionId: string, externalId: string, body: PutResultBody, now: Date, id: string = newId(),
): Promise<{ result: ResultItem; created: boolean; changed: boolean }> {
  let created = false;
  const out = await commitChange(decisionId, now, ({ results }): Change | { unchanged: ResultItem } => {
    const current = results.find((r) => r.externalId === externalId);
    created = !current;
    if (current) {
      const next = putOnExisting(current, body, now);
      return next ? { created: false, expectedVersion: current.version, note: body.note, next: { ...current, ...next } } : { unchanged: current };
    }
    checkParent(results, body.parentId);
    checkDates(body.startDate ?? undefined, body.endDate ?? undefined);
    const at = now.toISOString();
    return {
      created: true,
      note: body.note,
      next: clean({
        ...resultKey(decisionId, id), type: 'result' as const, id, decisionId, externalId, parentId: body.parentId,
        title: body.title, description: body.description ?? undefined, startDate: body.startDate ?? undefined, endDate: body.endDate ?? undefined,
        weight: body.weight ?? 1, status: body.status ?? 'planned', reported: body.progress ?? 0, progress: 0, childCount: 0,
        version: 1, createdAt: at, updatedAt: at,
      }),
    };
  });
  return { result: out.result, created, changed: out.entry !== undefined };
}

/** Every result of a decision in creation order, or undefined when there is no such decision (exports). */
export async function allResults(decisionId: string): Promise<ResultItem[] | undefined> {
  return (await readCollection(decisionId))?.results;
}

export async function getResult(decisionId: string, id: string, consistent = false): Promise<ResultItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: resultKey(decisionId, id), ConsistentRead: consistent }));
  return out.Item as ResultItem | undefined;
}

export function listResults(decisionId: string, page: { limit: number; cursor?: string }): Promise<Page<Result>> {
  return queryPage({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DECISION#${decisionId}`, ':prefix': 'RESULT#' },
  }, { ...page, scope: `results:${decisionId}` }, (item) => resultView(item as unknown as ResultItem));
}

export function listTimeline(decisionId: string, page: { limit: number; cursor?: string }): Promise<Page<TimelineEntry>> {
  return queryPage({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `DECISION#${decisionId}`, ':prefix': 'TIMELINE#' },
  }, { ...page, scope: `timeline:${decisionId}` }, (item) => timelineView(item as unknown as TimelineItem));
}
