/**
 * `npm run open-data [-- --url http://localhost:3000]`: writes the open datasets (CSV and
 * JSON Lines) into the local object store now, as the daily job does in AWS, and prints where.
 */
import { parseArgs } from 'node:util';
import { localApi } from '#infra/local/local-api.ts';

const { values } = parseArgs({ options: { url: { type: 'string', default: process.env.API_URL ?? 'http://localhost:3000' } } });
const api = await localApi(values.url!, 'open-data');
try {
  const res = await fetch(`${api.base}/local/open-data/run`, { method: 'POST' });
  if (!res.ok) throw new Error(`the local runtime answered ${res.status}: ${await res.text()}`);
  const catalogue = (await res.json()) as { items: { name: string; files: { format: string; bytes: number; url: string }[] }[] };
  for (const d of catalogue.items) for (const f of d.files) console.log(`${d.name}.${f.format}\t${f.bytes} bytes\t${f.url}`);
} finally {
  await api.stop();
}
