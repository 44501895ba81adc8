/**
 * `npm run import:ahjo -- FILE [--url http://localhost:3000]`: imports the meetings in FILE
 * (Ahjo's `{"meetings": [...]}`, a list, or one meeting) into the local runtime.
 *
 * It talks HTTP to the running `npm start` (the same route, checks and code as in AWS), with a
 * staff token minted by the local runtime's `POST /local/token`. When nothing answers at the
 * URL it starts the local runtime itself on the same data directory (DATA_DIR, default .data),
 * imports, and stops it again: never two processes on one database.
 * Each meeting is reported on its own line; the exit code is 1 when any was refused.
 */
import { readFileSync } from 'node:fs';
import { localApi } from '#infra/local/local-api.ts';

interface Report {
  outcome?: string;
  meeting?: { id: string; agendaStatus: string; agendaItemCount: number };
  warnings?: { path: string; message: string }[];
  errors?: { path: string; message: string }[];
  detail?: string;
}

const usage = 'usage: npm run import:ahjo -- FILE [--url http://localhost:3000]';

function meetingsIn(file: string): unknown[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object' && Array.isArray((data as { meetings?: unknown }).meetings)) return (data as { meetings: unknown[] }).meetings;
  if (data && typeof data === 'object') return [data];
  throw new Error(`${file} holds neither meetings nor a meeting`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const urlAt = args.indexOf('--url');
  const url = (urlAt >= 0 ? args[urlAt + 1] : undefined) ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--url');
  if (!file) {
    console.error(usage);
    return 2;
  }
  const meetings = meetingsIn(file);
  const { base, token, stop } = await localApi(url, 'ahjo-import');
  try {
    let refused = 0;
    for (const [i, meeting] of meetings.entries()) {
      const label = String((meeting as { MeetingID?: unknown } | null)?.MeetingID ?? `#${i}`);
      const res = await fetch(`${base}/v1/imports/ahjo/meetings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(meeting),
      });
      const report = (await res.json().catch(() => ({}))) as Report;
      if (res.ok && report.meeting) {
        const m = report.meeting;
        console.log(`${label}\t${report.outcome}\t${m.id}\tagenda ${m.agendaStatus}, ${m.agendaItemCount} items`);
      } else {
        refused++;
        console.log(`${label}\trefused (${res.status})\t${report.detail ?? ''}`);
      }
      for (const w of [...(report.errors ?? []), ...(report.warnings ?? [])]) console.log(`    ${w.path}: ${w.message}`);
    }
    console.log(`${meetings.length - refused} of ${meetings.length} meetings imported.`);
    return refused > 0 ? 1 : 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`import failed: ${error.message}`);
    process.exit(1);
  },
);
