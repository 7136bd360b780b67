import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';

describe('the collector', () => {
  it('prints every problem on one line, whatever text of the report it quotes (line breaks and controls escaped)', () => {
    const d = new Diagnostics();
    d.report('unknown-figure', { file: 'content/zh/01\nmain.md', line: 3, column: 2 }, ['fig:a\nb\u0000\u2028', '']);
    expect(d.list.map(formatDiagnostic)).toEqual([
      'content/zh/01\\nmain.md:3:2  error  Unknown figure or table id "fig:a\\nb\\u0000\\u2028" — figures are declared in data/figures.yaml, tables in data/tables.yaml  [unknown-figure]',
    ]);
  });

  it('places a problem of a whole file at its line 1, column 1', () => {
    const d = new Diagnostics();
    d.report('missing-file', { file: 'report.yaml' }, ['report.yaml']);
    expect(d.list[0]).toMatchObject({ file: 'report.yaml', line: 1, column: 1 });
  });

  it('lists 20 problems of one kind in one file, then one line saying there are more', () => {
    const d = new Diagnostics();
    for (let i = 1; i <= 500; i++)
      d.report('unknown-value', { file: 'content/zh/01-main.md', line: i, column: 1 }, [`v${i}`, '']);
    d.report('unknown-value', { file: 'content/en/01-main.md', line: 1, column: 1 }, ['v', '']);
    expect(d.list).toHaveLength(22);
    expect(formatDiagnostic(d.list[20]!)).toBe(
      'content/zh/01-main.md:21:1  error  More problems of the kind [unknown-value] in this file; only the first 20 are listed — fix those, and build again to see the rest  [more-problems]',
    );
    expect(d.list[21]!.file).toBe('content/en/01-main.md');
  });
});
