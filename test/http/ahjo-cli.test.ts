import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local.ts';
import { walk } from '../support/fixtures.ts';

const api = useLocalApi();
const root = resolve(import.meta.dirname, '../..');
const sampleFile = resolve(root, '../shared/fixtures/ahjo/meetings-sample.json');

/** `npm run import:ahjo -- FILE --url …`, as a person would run it. */
async function importFile(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'infra/local/import-ahjo.ts', file, '--url', api.url], { cwd: root, timeout: 60_000 });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? -1, out: e.stdout ?? '' };
  }
}

describe('npm run import:ahjo', () => {
  it('imports a file of Ahjo meetings into the running local runtime, and a second run changes nothing', async () => {
    const first = await importFile(sampleFile);
    expect(first.code, first.out).toBe(0);
    expect(first.out.match(/\tcreated\t/g)).toHaveLength(6);
    expect(first.out).toContain('6 of 6 meetings imported.');
    expect(await walk(api, '/v1/meetings', 100)).toHaveLength(6);
    const second = await importFile(sampleFile);
    expect(second.out.match(/\tunchanged\t/g)).toHaveLength(6);
  });

  it('reports a meeting it cannot import, by MeetingID, and exits 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ahjo-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ meetings: [{ MeetingID: '0040099991', DateMeeting: 'eilen' }] }));
    const run = await importFile(file);
    expect(run.code).toBe(1);
    expect(run.out).toContain('0040099991\trefused (422)');
    expect(run.out).toContain('DateMeeting: not a date and time');
  });
});
