import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../scripts/sources/csv.js';

const cells = (text: string) => {
  const { table, problems } = parseCsv(text);
  return {
    header: table.header.map((c) => c.text),
    rows: table.rows.map((r) => r.map((c) => `${c.text}@${c.line}:${c.column}`)),
    problems: problems.map((p) => `${p.line}:${p.column} ${p.message}`),
  };
};

describe('the CSV reader', () => {
  it('reads LF and CRLF files alike, with each cell at its line and column', () => {
    for (const eol of ['\n', '\r\n']) {
      expect(cells(`a,b${eol}1,"x, y"${eol}2,${eol}`)).toEqual({
        header: ['a', 'b'],
        rows: [
          ['1@2:1', 'x, y@2:3'],
          ['2@3:1', '@3:3'],
        ],
        problems: [],
      });
    }
  });

  it('keeps line breaks and doubled quotes inside a quoted field, and counts the lines after it', () => {
    expect(cells('a,b\r\n"one\r\ntwo ""2""",x\r\n3,y\r\n')).toEqual({
      header: ['a', 'b'],
      rows: [
        ['one\r\ntwo "2"@2:1', 'x@3:12'],
        ['3@4:1', 'y@4:3'],
      ],
      problems: [],
    });
  });

  it('reports a lone CR (old Mac line endings) once, where the first one is', () => {
    expect(cells('a,b\r1,2\r3,4\r').problems).toEqual(['1:4 a line ends with a lone CR (classic Mac line endings)']);
  });

  it('reports text after a closing quote and a quote inside an unquoted field where they stand', () => {
    expect(cells('a,b\n"x"y,1\n').problems).toEqual(['2:4 text after the closing quote of "x"']);
    expect(cells('a,b\n5" screen,1\n').problems).toEqual(['2:2 a quote inside a field that does not start with one']);
  });

  it('reports a quoted field that is never closed at its opening quote', () => {
    expect(cells('a,b\n1,"open\n2,3\n').problems).toEqual(['2:3 a quoted field is never closed']);
  });

  it('reads an empty file as no header and no rows', () => {
    expect(cells('')).toEqual({ header: [], rows: [], problems: [] });
  });
});
