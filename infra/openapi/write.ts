/**
 * `npm run openapi [-- <file>] [--server <url>]`: writes the deployed API's OpenAPI document
 * (default `dist/openapi.json`); `--server` names the real endpoint, e.g. a stack output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openApiDocument } from '#infra/openapi/document.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--server');
const serverUrl = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !serverUrl) {
  console.error('--server needs a URL, e.g. --server https://api.example.fi');
  process.exit(1);
}
const file = resolve(args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1)) ?? 'dist/openapi.json');

const document = openApiDocument(false, { serverUrl });
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
const operations = Object.values(document.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`OpenAPI ${document.openapi} document of the deployed API (${operations} operations) written to ${file}`);
