import { describe, expect, it } from 'vitest';
import { commands, parseCsv, unknownColumns } from '#shared/results/import.ts';

const decision = '01KAP5M0N1P2Q3R4S5T6V7W8X9';
const result = '01KAP5Y0Z1A2B3C4D5E6F7G8H9';

describe('reading a CSV file', () => {
  it('takes quotes, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,,3\r\n';
    expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\nlines'], ['1', '', '3']]);
  });

  it('takes semicolons, as spreadsheets in Finnish and Swedish save them', () => {
    expect(parseCsv('decisionId;progress\nX;42,5\n')).toEqual([['decisionId', 'progress'], ['X', '42,5']]);
  });

  it('skips blank lines and refuses a file that ends inside quotes', () => {
    expect(parseCsv('a\n\n1\n,\n')).toEqual([['a'], ['1']]);
    expect(() => parseCsv('a\n"open')).toThrow(/quoted/);
  });

  it('names columns it does not know', () => {
    expect(unknownColumns(['decisionId', 'Title_fi', 'note.sv', 'colour', 'progress'])).toEqual(['colour']);
  });
});

describe('rows to commands', () => {
  it('a row without resultId adds a result, with its report when it has one', () => {
    const [row] = commands(parseCsv(`decisionId,ref,title_fi,title_sv,weight,status,progress,note_fi\n${decision},a,Pyörätie,Cykelbana,2,in_progress,"42,5",Alkoi`));
    expect(row).toEqual({
      line: 2, errors: [],
      command: {
        kind: 'create', decisionId: decision, ref: 'a', parent: undefined,
        body: { title: { fi: 'Pyörätie', sv: 'Cykelbana' }, weight: 2 },
        report: { status: 'in_progress', progress: 42.5, note: { fi: 'Alkoi' } },
      },
    });
  });

  it('a row with resultId reports on it, against the version given', () => {
    const [row] = commands(parseCsv(`DecisionId,ResultId,Status,Progress,Version\n${decision},${result},completed,100,3`));
    expect(row?.command).toEqual({ kind: 'update', decisionId: decision, resultId: result, version: 3, body: { status: 'completed', progress: 100 } });
  });

  it('names every bad field of a row by its line, and keeps the good rows', () => {
    const rows = commands(parseCsv([
      'decisionId,resultId,title_fi,status,progress,version',
      `${decision},${result},,done,150,x`,
      `,,Otsikko,,,`,
      `${decision},,,,,`,
      `${decision},${result},,planned,0,`,
    ].join('\n')));
    expect(rows.map((r) => [r.line, r.errors.map((e) => e.path)])).toEqual([
      [2, ['version', 'status', 'progress']],
      [3, ['decisionId']],
      [4, ['title']],
      [5, []],
    ]);
    expect(rows.map((r) => r.command?.kind)).toEqual([undefined, undefined, undefined, 'update']);
  });

  it('a ref used twice is an error on the later row', () => {
    const rows = commands(parseCsv(`decisionId,ref,title_fi\n${decision},a,Yksi\n${decision},a,Kaksi`));
    expect(rows[1]?.errors).toEqual([{ path: 'ref', message: 'used by an earlier row' }]);
  });
});
