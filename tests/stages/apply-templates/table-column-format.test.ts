import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../scripts/build.js';
import { newSession, settled } from '../../../scripts/context.js';
import { options, reportCopy } from '../../helpers.js';

/*
 * A bound table's column prints its numbers at one scale and one precision (locale/column-format.ts): the
 * mini report's table of output by year, with values of RMB 13.9, 13.27, 1.02 billion and 960 million, built
 * and read back from each edition's page.
 */
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** The value cells of tab:growth (years 2019–2022, descending) in each edition, with `column` added to its value column. */
async function valueCells(column = ''): Promise<Record<string, string[]>> {
  const root = reportCopy('mini');
  roots.push(root);
  const data = path.join(root, 'data');
  const rows = [',2019,139,text', ',2020,132.7,text', ',2021,9.6,text', 'output-2020,2022,10.2,text'];
  writeFileSync(path.join(data, 'growth.csv'), ['id,year,value,source', ...rows, ''].join('\n'));
  const tables = path.join(data, 'tables.yaml');
  const header = '      header: { zh: 产出, en: Output }\n';
  writeFileSync(tables, readFileSync(tables, 'utf8').replace(header, header + column));
  const session = newSession();
  await build(options(root, path.join(root, 'dist'), { formats: ['html'], session }));
  await settled(session);
  const cells: Record<string, string[]> = {};
  for (const lang of ['zh', 'en']) {
    const html = readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');
    const table = /<table[^]*?<\/table>/.exec(html.slice(html.indexOf('id="tab-growth"')))![0];
    cells[lang] = [...table.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!.replace(/\u00a0/g, ' '));
  }
  return cells;
}

describe('a bound table column', () => {
  it('prints every cell at the scale of its largest value, with the precision its values need', async () => {
    const cells = await valueCells();
    expect(cells.en).toEqual(['RMB 1.02 billion', 'RMB 0.96 billion', 'RMB 13.27 billion', 'RMB 13.90 billion']);
    expect(cells.zh).toEqual(['10.2 亿元', '9.6 亿元', '132.7 亿元', '139.0 亿元']);
  }, 120_000);

  it('takes its scale from tables.yaml when it names one', async () => {
    const cells = await valueCells('      scale: million\n');
    expect(cells.en).toEqual(['RMB 1,020 million', 'RMB 960 million', 'RMB 13,270 million', 'RMB 13,900 million']);
    expect(cells.zh).toEqual(['10.2 亿元', '9.6 亿元', '132.7 亿元', '139.0 亿元']);
  }, 120_000);
});
