/**
 * The open-data job: reads what is public (decisions with votes, results and their timeline,
 * meetings and published agendas, participation counts of published drafts), writes each
 * dataset as CSV and JSON Lines to object storage (`open-data/<name>.<ext>`), and records
 * the files in the manifest that `GET /v1/open-data` lists. Run daily in AWS, and by
 * `npm run open-data` locally. It holds one dataset in memory at a time: a municipality's
 * decisions and meetings, not its comments (those are only counted, draft by draft).
 */
import { queryAll } from '#shared/data/page.ts';
import type { DecisionItem } from '#shared/decisions/repository.ts';
import { draftStatus } from '#shared/drafts/rules.ts';
import type { DraftListingItem } from '#shared/drafts/repository.ts';
import { getMeeting, type MeetingItem } from '#shared/meetings/repository.ts';
import { allPolls, resultsOf } from '#shared/polls/repository.ts';
import type { ResultItem, TimelineItem } from '#shared/results/repository.ts';
import { storeObject } from '#shared/storage/signed.ts';
import { datasets } from '#shared/open-data/datasets.ts';
import { datasetCsv, datasetJsonLines, type Row } from '#shared/open-data/files.ts';
import { saveManifest, type Manifest } from '#shared/open-data/manifest.ts';
import {
  decisionRows, meetingRows, participationRows, resultRows, timelineRows, voteRows, type DraftCounts,
} from '#shared/open-data/rows.ts';


const byIndex = <T>(index: string, pk: string) =>
  queryAll<T>({ IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': pk } });

const inDecision = <T>(decisionId: string, prefix: string) =>
  queryAll<T>({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': `DECISION#${decisionId}`, ':prefix': prefix } });

/** Comments, distinct participants and poll answers of one published draft: counts only. */
async function participation(d: DraftListingItem, now: Date): Promise<DraftCounts> {
  const comments = await queryAll<{ authorSub?: string; authorName?: string; status: string }>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ProjectionExpression: 'authorSub, authorName, #status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': `DRAFT#${d.id}`, ':prefix': 'COMMENT#' },
  });
  // A participant is a signed-in account, or an anonymous name; erased authors are no longer anyone.
  const people = new Set(comments.map((c) => c.authorSub ?? (c.authorName !== undefined ? `anonymous:${c.authorName}` : undefined)).filter(Boolean));
  const polls = await allPolls(d.id);
  const answers = await Promise.all(polls.map(async (p) => (await resultsOf(p)).total));
  return {
    draftId: d.id, caseId: d.caseId, title: d.title, status: draftStatus(d, now), opensAt: d.opensAt, closesAt: d.closesAt,
    comments: d.commentCount ?? 0, participants: people.size, polls: polls.length, pollAnswers: answers.reduce((a, b) => a + b, 0),
  };
}

/** Every dataset's rows, read from the table. */
async function collect(now: Date): Promise<Record<string, Row[]>> {
  const decisions = await byIndex<DecisionItem>('gsi1', 'DECISIONS');
  const results: ResultItem[] = [];
  const timeline: TimelineItem[] = [];
  for (const d of decisions) {
    results.push(...(await inDecision<ResultItem>(d.id, 'RESULT#')));
    timeline.push(...(await inDecision<TimelineItem>(d.id, 'TIMELINE#')));
  }
  const listed = await byIndex<{ id: string }>('gsi1', 'MEETINGS');
  const meetings = (await Promise.all(listed.map((m) => getMeeting(m.id)))).filter((m): m is MeetingItem => m !== undefined);
  const { meetings: meetingList, agendaItems } = meetingRows(meetings, now);
  const drafts = await byIndex<DraftListingItem>('gsi2', 'DRAFTS');
  const counts: DraftCounts[] = [];
  for (const d of drafts) counts.push(await participation(d, now));
  return {
    decisions: decisionRows(decisions),
    'decision-votes': voteRows(decisions),
    results: resultRows(results),
    timeline: timelineRows(timeline),
    meetings: meetingList,
    'agenda-items': agendaItems,
    participation: participationRows(counts),
  };
}

/** Writes every dataset in both formats and records them; returns the manifest. */
export async function writeOpenData(languages: string[], now: Date): Promise<Manifest> {
  const rows = await collect(now);
  const manifest: Manifest = {};
  for (const d of datasets) {
    const files = [
      { format: 'csv' as const, contentType: 'text/csv; charset=utf-8', text: datasetCsv(d, languages, rows[d.name] ?? []) },
      { format: 'jsonl' as const, contentType: 'application/jsonl; charset=utf-8', text: datasetJsonLines(d, languages, rows[d.name] ?? []) },
    ];
    manifest[d.name] = [];
    for (const f of files) {
      const key = `open-data/${d.name}.${f.format}`;
      await storeObject(key, f.text, f.contentType);
      // The listing signs a fresh link to `key` for each reader; the manifest keeps no link that could go stale.
      manifest[d.name]!.push({ format: f.format, contentType: f.contentType, key, url: '', bytes: Buffer.byteLength(f.text, 'utf8'), updatedAt: now.toISOString() });
    }
  }
  await saveManifest(manifest, now);
  return manifest;
}
