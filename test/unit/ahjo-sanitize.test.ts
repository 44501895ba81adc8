import { describe, expect, it } from 'vitest';
import { sanitizeAhjoHtml } from '#shared/ahjo/sanitize.ts';

describe('HTML from Ahjo', () => {
  it('loses its scripts, with their source', () => {
    // Act
    const clean = sanitizeAhjoHtml('<p>Päätös</p><script>alert("x")</script><SCRIPT src="//evil.example/x.js"></SCRIPT>');
    // Assess
    expect(clean).toBe('<p>Päätös</p>');
  });

  it('loses event handlers and inline styles but keeps the text and Ahjo\'s classes', () => {
    const clean = sanitizeAhjoHtml('<div class="SisaltoSektio" onclick="steal()" style="position:fixed"><img src=x onerror="steal()">Teksti</div>');
    expect(clean).toBe('<div class="SisaltoSektio">Teksti</div>');
  });

  it('keeps http links and drops javascript: and data: links, however they are spelled', () => {
    const clean = sanitizeAhjoHtml(
      '<a href="https://www.hel.fi/">hel.fi</a><a href="javascript:steal()">a</a><a href=" JaVaScRiPt:steal()">b</a>'
      + '<a href="java&#x09;script:steal()">c</a><a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
    );
    expect(clean).toBe('<a href="https://www.hel.fi/">hel.fi</a><a>a</a><a>b</a><a>c</a><a>d</a>');
  });

  it('keeps no document frame, head or embedded documents', () => {
    const clean = sanitizeAhjoHtml(
      '<html lang="fi"><head><META http-equiv="refresh" content="0;url=https://evil.example"><title>Otsikko</title><style>p{}</style></head>'
      + '<body><h1 class="AsiaOtsikko">Asia</h1><iframe src="https://evil.example"></iframe><object data="x.swf"></object><form action="/x"><input name="a"></form></body></html>',
    );
    expect(clean).toBe('<h1 class="AsiaOtsikko">Asia</h1>');
  });

  it('gives links that open a new window no access to this one', () => {
    expect(sanitizeAhjoHtml('<a href="https://ahjo.hel.fi/x.pdf" target="_blank">PDF</a>'))
      .toBe('<a href="https://ahjo.hel.fi/x.pdf" target="_blank" rel="noopener noreferrer">PDF</a>');
  });

  it('keeps tables and lists as they are', () => {
    const html = '<table><tbody><tr><td colspan="2">1</td></tr></tbody></table><ol start="3"><li>kolme</li></ol>';
    expect(sanitizeAhjoHtml(html)).toBe(html);
  });
});
