/**
 * Pulling what changed in Ahjo since the last run: meetings, then cases, then decisions (a
 * decision lands on a meeting imported before it), each listed page by page as Ahjo's REST
 * API pages them (`{"meetings": [...], "links": [{"rel": "next", "href": …}]}`). The
 * checkpoint is saved after every page: a run that fails (Ahjo down, a page that errs) or
 * runs out of its page budget leaves the next page to fetch, and the next run starts there.
 * Imports are idempotent, so a page done twice changes nothing. A record Ahjo sends that
 * cannot be imported (422) is counted and skipped: one bad record must not stop the sync.
 */
import { Problem } from '#shared/http/problem.ts';

export const kinds = ['meetings', 'cases', 'decisions'] as const;
export type Kind = (typeof kinds)[number];

export interface KindCheckpoint {
  /** Changes since this time are still to pull (none yet: everything). */
  since?: string;
  /** The page to fetch next, in the middle of a pass. */
  next?: string;
  /** When the pass in progress began: the next `since` once it completes. */
  passStartedAt?: string;
}
export type Checkpoint = Partial<Record<Kind, KindCheckpoint>>;

export interface SyncDeps {
  /** The page's JSON, or throws (network, non-2xx). */
  fetchPage(url: string): Promise<unknown>;
  importRecord(kind: Kind, record: unknown): Promise<'created' | 'updated' | 'unchanged'>;
  load(): Promise<Checkpoint>;
  save(checkpoint: Checkpoint): Promise<void>;
  now(): Date;
}

export interface SyncReport {
  pages: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { kind: Kind; message: string }[];
  /** Every kind is up to date (false: the page budget ran out, or a page failed). */
  done: boolean;
}

export class SyncFailed extends Error {
  constructor(readonly report: SyncReport, cause: unknown) {
    super(`Ahjo sync stopped after ${report.pages} pages: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'SyncFailed';
  }
}

/** The first page of a pass: everything of `kind` changed since `since`. */
export const firstPage = (baseUrl: string, kind: Kind, since: string | undefined): string => {
  const url = new URL(`${baseUrl.replace(/\/$/, '')}/${kind}`);
  if (since) url.searchParams.set('changedsince', since);
  return url.href;
};

/** The records of a page and its next page; a next link to another origin is not followed (the API key goes with it). */
export function readPage(kind: Kind, page: unknown, url: string): { records: unknown[]; next?: string } {
  const body = (page ?? {}) as Record<string, unknown>;
  const records = Array.isArray(page) ? page : Array.isArray(body[kind]) ? body[kind] as unknown[] : undefined;
  if (!records) throw new Error(`${url}: not a page of ${kind}`);
  const links = Array.isArray(body.links) ? body.links as { rel?: unknown; href?: unknown }[] : [];
  const href = links.find((l) => l?.rel === 'next' && typeof l.href === 'string' && l.href !== '')?.href as string | undefined;
  if (!href) return { records };
  const next = new URL(href, url);
  if (next.origin !== new URL(url).origin) throw new Error(`${url}: the next page is on another host (${next.origin})`);
  return { records, next: next.href };
}

export async function syncAhjo(baseUrl: string, maxPages: number, deps: SyncDeps): Promise<SyncReport> {
  const report: SyncReport = { pages: 0, created: 0, updated: 0, unchanged: 0, rejected: [], done: false };
  const checkpoint = await deps.load();
  try {
    for (const kind of kinds) {
      const state = { ...checkpoint[kind] };
      state.passStartedAt ??= deps.now().toISOString();
      let url: string | undefined = state.next ?? firstPage(baseUrl, kind, state.since);
      while (url) {
        if (report.pages >= maxPages) return report;
        const { records, next } = readPage(kind, await deps.fetchPage(url), url);
        for (const record of records) await importOne(kind, record, deps, report);
        report.pages++;
        url = next;
        checkpoint[kind] = next ? { ...state, next } : { since: state.passStartedAt };
        await deps.save(checkpoint);
      }
    }
  } catch (error) {
    throw new SyncFailed(report, error);
  }
  report.done = true;
  return report;
}

async function importOne(kind: Kind, record: unknown, deps: SyncDeps, report: SyncReport): Promise<void> {
  try {
    report[await deps.importRecord(kind, record)]++;
  } catch (error) {
    if (!(error instanceof Problem) || error.status >= 500 || error.status === 412) throw error;
    const fields = (error.extra.errors as { path: string; message: string }[] | undefined) ?? [];
    report.rejected.push({ kind, message: `${error.detail}${fields.map((f) => ` ${f.path}: ${f.message}`).join(';')}` });
  }
}
