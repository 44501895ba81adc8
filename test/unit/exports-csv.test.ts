import { describe, expect, it } from 'vitest';
import { csv, csvCell } from '#shared/exports/csv.ts';

describe('CSV for spreadsheets', () => {
  it('starts with a UTF-8 byte order mark and ends rows with CRLF', () => {
    const doc = csv(['a', 'b'], [['ä', 1]]);
    expect(doc.startsWith('\uFEFFa,b\r\n')).toBe(true);
    expect(doc).toBe('\uFEFFa,b\r\nä,1\r\n');
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises a formula: %j', (text) => {
    const cell = csvCell(text);
    expect(cell.replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('leaves numbers and plain text alone; empty for null', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('Hyvä suunnitelma')).toBe('Hyvä suunnitelma');
    expect(csvCell(null)).toBe('');
  });
});
