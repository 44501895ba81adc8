/**
 * `npm run docs:build [-- <dir>] [--server <url>]`: the deployed API's reference as a static folder
 * (default `dist/docs`): Swagger UI's files, `index.html` and the deployed `openapi.json`, to host
 * on any static web server. The deployed API itself serves no `/docs`; `--server` names its endpoint.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openApiDocument } from '#infra/openapi/document.ts';
import { docsAsset, docsAssets, docsPage } from '#infra/openapi/docs.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--server');
const serverUrl = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !serverUrl) {
  console.error('--server needs a URL, e.g. --server https://api.example.fi');
  process.exit(1);
}
const dir = resolve(args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1)) ?? 'dist/docs');

mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'openapi.json'), `${JSON.stringify(openApiDocument(false, { serverUrl }), null, 2)}\n`);
writeFileSync(join(dir, 'index.html'), docsPage({ assets: './', document: './openapi.json', local: false }));
for (const name of Object.keys(docsAssets)) writeFileSync(join(dir, name), docsAsset(name)!.body);
console.log(`API reference written to ${dir}`);
