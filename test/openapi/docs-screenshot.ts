/**
 * `npm run docs:screenshot [-- <url>]`: opens `/docs` in headless Chromium (Debian's `chromium`,
 * `apt-get install chromium`) with every request off the server refused, checks that the page shows
 * each operation, mints a token with "Try it out" on `POST /local/token` and calls `GET /v1/me`
 * with it, and writes `dist/docs-screenshot.png`, `dist/docs-operations.png` and `dist/docs-try-it.png`. Without a URL it
 * starts an in-memory local runtime of its own.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startLocal, type LocalRuntime } from '#infra/local/runtime.ts';

const given = process.argv[2];
const runtime: LocalRuntime | undefined = given ? undefined : await startLocal({ port: 0, seed: false, events: false });
const base = new URL(given ?? runtime!.url);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const elsewhere: string[] = [];
  await page.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === base.origin) return route.continue();
    elsewhere.push(route.request().url());
    return route.abort();
  });
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));

  await page.goto(new URL('/docs', base).href);
  await page.locator('.opblock').first().waitFor();
  const document = await (await fetch(new URL('/openapi.json', base))).json() as { paths: Record<string, object> };
  const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  const shown = await page.locator('.opblock').count();
  mkdirSync('dist', { recursive: true });
  await page.screenshot({ path: 'dist/docs-screenshot.png' });
  await page.locator('.opblock-tag-section').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'dist/docs-operations.png' });

  // Try it out: a token from POST /local/token, then a call that needs it.
  const token = page.locator('#operations-Platform-localToken');
  await token.locator('.opblock-summary').click();
  await token.locator('textarea.body-param__text').fill('{"sub": "kaisa", "name": "Kaisa Kirjaaja", "groups": ["staff"]}');
  await token.locator('button.execute').click();
  const tokenStatus = (await token.locator('.live-responses-table tbody .response-col_status').first().textContent())?.trim();
  const me = page.locator('#operations-Me-getMe');
  await me.locator('.opblock-summary').click();
  await me.locator('button.execute').click();
  const meStatus = (await me.locator('.live-responses-table tbody .response-col_status').first().textContent())?.trim();
  await me.scrollIntoViewIfNeeded();
  await me.screenshot({ path: 'dist/docs-try-it.png' });

  console.log(`Operations shown: ${shown} of ${operations} in the document`);
  console.log(`Try it out: POST /local/token → ${tokenStatus}; GET /v1/me with that token → ${meStatus}`);
  console.log(`Requests off ${base.origin}: ${elsewhere.length}${elsewhere.length ? ` (${elsewhere.join(', ')})` : ''}; page errors: ${failures.length}`);
  console.log('Screenshots: dist/docs-screenshot.png, dist/docs-operations.png, dist/docs-try-it.png');
  if (shown !== operations || tokenStatus !== '200' || meStatus !== '200' || elsewhere.length > 0 || failures.length > 0) process.exitCode = 1;
} finally {
  await browser.close();
  await runtime?.stop();
}
