import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local.ts';
import { walk } from '../support/fixtures.ts';
import { ahjoServer, type AhjoServer } from '../support/ahjo-server.ts';

const api = useLocalApi();
const root = resolve(import.meta.dirname, '../..');
const fixtures = resolve(root, '../shared/fixtures/ahjo');
const dataDir = mkdtempSync(join(tmpdir(), 'ahjo-sync-'));

let server: AhjoServer;
beforeAll(async () => {
  const meetings = JSON.parse(readFileSync(join(fixtures, 'meetings-sample.json'), 'utf8')).meetings;
  const kase = JSON.parse(readFileSync(join(fixtures, 'case.json'), 'utf8'));
  server = await ahjoServer({ meetings, cases: [kase], decisions: [] }, { size: 4, failOnce: ['meetings@4'], apiKey: 'local-key' });
});
afterAll(async () => server.stop());

/** `npm run sync:ahjo -- --from …`, as a person would run it. */
async function sync(from: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'infra/local/sync-ahjo.ts', '--from', from, '--url', api.url], {
      cwd: root, timeout: 60_000, env: { ...process.env, DATA_DIR: dataDir, AHJO_API_KEY: 'local-key' },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('npm run sync:ahjo', () => {
  it('pulls from an Ahjo URL page by page, and after a failing page the next run resumes there', async () => {
    const first = await sync(server.url);
    expect(first.code, first.out).toBe(1);
    expect(first.out).toMatch(/1 pages: 4 created.*not finished/s);
    const second = await sync(server.url);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain('3 pages: 3 created, 0 updated, 0 unchanged, 0 refused.');
    expect(server.requests.filter((r) => r.startsWith('/ahjorest/v1/meetings'))).toEqual([
      '/ahjorest/v1/meetings', '/ahjorest/v1/meetings?start=4', '/ahjorest/v1/meetings?start=4',
    ]);
    expect(await walk(api, '/v1/meetings', 100)).toHaveLength(6);
    expect((await api.request('GET', '/v1/cases/HEL-2025-001216')).status).toBe(200);
  });

  it('imports a file holding one Ahjo page; again, it changes nothing', async () => {
    const again = await sync(join(fixtures, 'meetings-sample.json'));
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('1 pages: 0 created, 0 updated, 6 unchanged, 0 refused.');
  });
});
