/**
 * The resident's own data as a job: the same document as `GET /v1/me/export`, written page
 * by page from byUser. byUser sorts by `userSk`, which starts with the kind of record
 * (`COMMENT#`, `VOTE#`, …), so each kind arrives as one run and becomes one JSON array.
 */
import type { JobItem } from '#shared/jobs/repository.ts';
import { referencedBallots, type BallotRefItem } from '#shared/polls/ballots.ts';
import type { ExportSource, ExportState } from '#shared/exports/writer.ts';
import { ballotRefsOf, plain, plumbing, storedPage } from '#shared/me/data.ts';

export interface MeExportJob extends JobItem<ExportState> {
  kind: 'me-export';
  owner: string;
  /** Who the token said they were when they asked: the head of the document. */
  identity: { name: string; groups: string[]; strong: boolean };
}

const pageSize = 250;
/** Lists every document has, empty or not. */
const always = ['comments', 'votes', 'flags', 'subscriptions'];

interface Carry {
  /** The list being written, and how many records it has so far. */
  open?: string;
  count?: number;
  seen?: string[];
}

export function meExportSource(job: MeExportJob): ExportSource {
  const sub = job.owner;
  return {
    meta: { contentType: 'application/json', filename: 'my-data.json' },
    head: async () => JSON.stringify({ sub, ...job.identity, exportedAt: job.createdAt }).slice(0, -1),
    async page(cursor, _rows, carried) {
      const carry: Carry = { seen: [], ...(carried as Carry | undefined) };
      const { items, next } = await storedPage(sub, cursor, pageSize);
      let text = '';
      let rows = 0;
      for (const item of items) {
        if (plumbing.has(item.type ?? '')) continue;
        const list = `${item.type ?? 'other'}s`;
        if (list !== carry.open) {
          text += `${carry.open ? ']' : ''},${JSON.stringify(list)}:[`;
          carry.open = list;
          carry.count = 0;
          carry.seen = [...carry.seen!, list];
        }
        text += `${carry.count! > 0 ? ',' : ''}${JSON.stringify(plain(item))}`;
        carry.count! += 1;
        rows += 1;
      }
      return { text, rows, next, carry: carry as Record<string, unknown> };
    },
    async tail(_rows, carried) {
      const carry = (carried ?? {}) as Carry;
      const missing = always.filter((list) => !carry.seen?.includes(list));
      const refs = (await ballotRefsOf(sub)) as unknown as BallotRefItem[];
      const ballots = (await referencedBallots(refs)).map((b) => plain({ ...b }));
      return `${carry.open ? ']' : ''}${missing.map((list) => `,${JSON.stringify(list)}:[]`).join('')},"ballots":${JSON.stringify(ballots)}}`;
    },
  };
}
