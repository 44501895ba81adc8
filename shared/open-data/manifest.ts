/**
 * What the open-data job last wrote, per dataset (`OPENDATA` / `MANIFEST`): its files' links,
 * sizes and times. The listing reads it with one GetItem.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#shared/data/client.ts';
import { tableName } from '#shared/data/table.ts';
import { datasets, header, license } from '#shared/open-data/datasets.ts';
import type { DatasetFile, OpenDataCatalogue } from '#shared/open-data/schema.ts';

const manifestKey = { pk: 'OPENDATA', sk: 'MANIFEST' };
/** Per dataset its files; `key` is where each is stored, its `url` is signed when listed. */
export type Manifest = Record<string, (DatasetFile & { key?: string })[]>;

/** The manifest with a fresh download link on every stored file (links expire; the files stay). */
export async function withLinks(manifest: Manifest, sign: (key: string) => Promise<string>): Promise<Manifest> {
  const signed: Manifest = {};
  for (const [name, files] of Object.entries(manifest)) {
    signed[name] = await Promise.all(files.map(async ({ key, ...file }) => ({ ...file, url: key ? await sign(key) : file.url })));
  }
  return signed;
}

export async function getManifest(): Promise<Manifest> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: manifestKey }));
  return (out.Item?.files as Manifest | undefined) ?? {};
}

export async function saveManifest(files: Manifest, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...manifestKey, type: 'openDataManifest', files, updatedAt: now.toISOString() } }));
}

export const catalogueView = (manifest: Manifest, languages: string[]): OpenDataCatalogue => ({
  license,
  items: datasets.map((d) => {
    const files = manifest[d.name] ?? [];
    return { name: d.name, title: d.title, columns: header(d, languages), files, updatedAt: files[0]?.updatedAt ?? null };
  }),
});
