/**
 * Lambda bundles swap htmlparser2, postcss and dayjs (launder's) for slimmer stand-ins
 * (infra/bundling.ts): the sanitiser, bundled exactly so, must still clean Ahjo's HTML, links
 * checked by launder's naughtyHref included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lambdaBundling } from '#infra/bundling.ts';

const dir = mkdtempSync(join(tmpdir(), 'kv-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sanitiser as bundled for Lambda', () => {
  it('removes scripts, handlers, styles and javascript: links and keeps the text', async () => {
    // Prepare
    const out = join(dir, 'sanitize.mjs');
    const { banner, externalModules: _e, ...options } = lambdaBundling;
    await build({ ...options, banner: { js: banner }, entryPoints: ['shared/ahjo/sanitize.ts'], bundle: true, outfile: out, logLevel: 'silent' });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const { sanitizeAhjoHtml } = (await import(pathToFileURL(out).href)) as { sanitizeAhjoHtml: (html: string) => string };
    // Act
    const clean = sanitizeAhjoHtml('<p style="color:red" onclick="x()">Päätös &auml;&nbsp;<a href="javascript:alert(1)">linkki</a></p><script>alert(1)</script>');
    // Assess
    expect(clean).toContain('Päätös ä');
    expect(clean).toContain('linkki');
    expect(clean).not.toMatch(/script|onclick|style=|javascript:/i);
    // Links: allowed schemes kept (target gets rel), others and protocol-relative ones dropped
    const links = sanitizeAhjoHtml('<a href="https://paatokset.hel.fi/x" target="_blank">a</a> <a href="mailto:kirjaamo@hel.fi">b</a> '
      + '<a href=" JaVaScRiPt:alert(1)">c</a> <a href="//evil.example/">d</a> <a href="data:text/html,x">e</a>');
    expect(links).toBe('<a href="https://paatokset.hel.fi/x" target="_blank" rel="noopener noreferrer">a</a> <a href="mailto:kirjaamo@hel.fi">b</a> '
      + '<a>c</a> <a>d</a> <a>e</a>');
  });
});
