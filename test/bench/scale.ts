/**
 * The scale section: the same operations with 10, 1,000, 10,000 and 100,000 comments on a
 * draft, loaded with the repository's own item builder (BatchWrite, not one HTTP call
 * each), and what a request costs as a collection grows or an item gets big. Every figure
 * is read from the server's own DynamoDB meter (calls and consumed capacity per request).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { draftListingKey } from '#shared/drafts/repository.ts';
import { sealCursor } from '#shared/http/cursor.ts';
import { loadComments } from '../support/bulk.ts';
import type { Bench, BenchResponse } from './scenario.ts';

const staff = { sub: 'bench-scale-staff', name: 'Scale Staff', groups: ['staff' as const] };
const resident = { sub: 'bench-scale-resident', name: 'Scale Resident' };

export interface Cost { calls: number; capacity: number; status: number }
export interface ScaleRow { items: number; loadSeconds: number; firstPage: Cost; deepPage: Cost; popularBySection: Cost; postComment: Cost }
export interface ScaleFindings {
  comments: ScaleRow[];
  /** postComment on a small and a big draft: the comment must not pay for the draft's size. */
  draftSize: { smallBytes: number; bigBytes: number; small: Cost; big: Cost; ratio: number };
  /** A page of scheduled drafts among many open ones: one Query whatever the others. */
  scheduled: { openDrafts: number; cost: Cost }[];
  /** Ratio of the largest to the smallest collection, per figure: the target is <= 1.1. */
  ratios: Record<string, number>;
}

const cost = (res: BenchResponse): Cost => ({
  calls: Number(res.headers['x-dynamodb-calls'] ?? NaN),
  capacity: Number(res.headers['x-dynamodb-capacity'] ?? NaN),
  status: res.status,
});

/** Localized text of `chars` bytes per language. */
const text = (chars: number) => ({ fi: 'a'.repeat(chars), sv: 'b'.repeat(chars) });

async function openDraft(bench: Bench, sectionChars = 200, sections = 2): Promise<{ id: string; sectionIds: string[] }> {
  const created = await bench.call<{ id: string; sections: { id: string }[] }>({
    method: 'POST', path: '/v1/drafts', as: staff,
    body: { title: text(20), sections: Array.from({ length: sections }, () => ({ title: text(10), body: text(sectionChars) })) },
  }, 201);
  await bench.call({ method: 'POST', path: `/v1/drafts/${created.id}/publish`, as: staff, body: { closesAt: new Date(Date.now() + 86_400_000 * 30).toISOString() } });
  return { id: created.id, sectionIds: created.sections.map((s) => s.id) };
}

/** Writes `n` root comments (every other one on `sectionId`) as postComment would store them, and counts them on the listing. */
async function loadCounted(draftId: string, sectionId: string, n: number): Promise<string[]> {
  const ids = await loadComments(draftId, n, undefined, (i) => `Kommentti ${i}: ${'x'.repeat(200)}`, (i) => (i % 2 === 0 ? sectionId : undefined));
  await db().send(new UpdateCommand({ TableName: tableName(), Key: draftListingKey(draftId), UpdateExpression: 'ADD commentCount :n', ExpressionAttributeValues: { ':n': n } }));
  return ids;
}

async function measureComments(bench: Bench, n: number, log: (m: string) => void): Promise<ScaleRow> {
  const draft = await openDraft(bench);
  const started = performance.now();
  const ids = await loadCounted(draft.id, draft.sectionIds[0]!, n);
  const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
  log(`scale: ${n} comments loaded in ${loadSeconds} s`);
  const path = `/v1/drafts/${draft.id}/comments`;
  const firstPage = cost(await bench.send({ method: 'GET', path: `${path}?limit=5` }));
  // A cursor into the middle of the collection, sealed as the list seals its own.
  const middle = ids[Math.floor(ids.length / 2)]!;
  const cursor = await sealCursor(
    { pk: `DRAFT#${draft.id}`, sk: `COMMENT#${middle}`, gsi1pk: `ROOTS#${draft.id}`, gsi1sk: middle },
    `gsi1|comments:${draft.id}:newest:`,
  );
  const deepPage = cost(await bench.send({ method: 'GET', path: `${path}?limit=5&cursor=${encodeURIComponent(cursor!)}` }));
  const popularBySection = cost(await bench.send({ method: 'GET', path: `${path}?limit=5&sort=popular&sectionId=${draft.sectionIds[0]}` }));
  const postComment = cost(await bench.send({ method: 'POST', path, as: resident, body: { body: 'Uusi kommentti' } }));
  return { items: n, loadSeconds, firstPage, deepPage, popularBySection, postComment };
}

export async function measureScale(bench: Bench, log: (m: string) => void, sizes = [10, 1_000, 10_000, 100_000]): Promise<ScaleFindings> {
  const comments: ScaleRow[] = [];
  for (const n of sizes) comments.push(await measureComments(bench, n, log));

  // The same comment on a ~1 KB and a ~60 KB draft
  const small = await openDraft(bench, 100, 1);
  const big = await openDraft(bench, 2_900, 10);
  const post = async (id: string) => cost(await bench.send({ method: 'POST', path: `/v1/drafts/${id}/comments`, as: resident, body: { body: 'Kommentti' } }));
  const smallCost = await post(small.id);
  const bigCost = await post(big.id);
  const bytes = async (id: string) => Buffer.byteLength((await bench.send({ method: 'GET', path: `/v1/drafts/${id}` })).body);

  // Scheduled drafts among more and more open ones
  const scheduled: ScaleFindings['scheduled'] = [];
  await bench.call({ method: 'POST', path: '/v1/drafts', as: staff, body: { title: text(5), sections: [{ title: text(5), body: text(5) }] } }, 201)
    .then((d) => bench.call({ method: 'POST', path: `/v1/drafts/${(d as { id: string }).id}/publish`, as: staff,
      body: { opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000 * 9).toISOString() } }));
  let open = sizes.length + 2;
  for (const target of [10, 200]) {
    while (open < target) {
      await openDraft(bench, 10, 1);
      open++;
    }
    scheduled.push({ openDrafts: open, cost: cost(await bench.send({ method: 'GET', path: '/v1/drafts?status=scheduled&limit=20' })) });
  }

  const first = comments[0]!;
  const last = comments.at(-1)!;
  const ratio = (a: number, b: number) => Math.round((b / a) * 100) / 100;
  return {
    comments,
    draftSize: { smallBytes: await bytes(small.id), bigBytes: await bytes(big.id), small: smallCost, big: bigCost, ratio: ratio(smallCost.capacity, bigCost.capacity) },
    scheduled,
    ratios: {
      firstPageCapacity: ratio(first.firstPage.capacity, last.firstPage.capacity),
      deepPageCapacity: ratio(first.deepPage.capacity, last.deepPage.capacity),
      popularBySectionCapacity: ratio(first.popularBySection.capacity, last.popularBySection.capacity),
      postCommentCapacity: ratio(first.postComment.capacity, last.postComment.capacity),
      scheduledCapacity: ratio(scheduled[0]!.cost.capacity, scheduled.at(-1)!.cost.capacity),
    },
  };
}

/** The scale section as text. */
export function scaleReport(s: ScaleFindings): string[] {
  const c = (x: Cost) => `${x.calls}/${x.capacity}`;
  return [
    'Scale (DynamoDB calls/CU per request, pages of 5 so that every size fills one; comments loaded with the repository\'s item builder):',
    '  comments   load s  first page  deep page  popular by section  postComment',
    ...s.comments.map((r) => `  ${String(r.items).padStart(8)}  ${String(r.loadSeconds).padStart(6)}  ${c(r.firstPage).padStart(10)}  ${c(r.deepPage).padStart(9)}  ${c(r.popularBySection).padStart(18)}  ${c(r.postComment).padStart(11)}`),
    `  ratios largest/smallest: ${Object.entries(s.ratios).map(([k, v]) => `${k} ${v}`).join(', ')}  (target <= 1.1)`,
    `  postComment on a ${s.draftSize.smallBytes} B draft ${c(s.draftSize.small)}, on a ${s.draftSize.bigBytes} B draft ${c(s.draftSize.big)}: ratio ${s.draftSize.ratio}`,
    `  scheduled drafts page: ${s.scheduled.map((x) => `${x.openDrafts} open drafts ${c(x.cost)}`).join('; ')}`,
  ];
}
