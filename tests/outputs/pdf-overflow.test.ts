import path from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
import { BuildFailed, formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { closeTestBrowser, options, reportCopy, testBrowser } from '../helpers.js';
import { readPdf, squash } from '../pdf.js';

/**
 * Tables wider than the page: Chromium prints no horizontal overflow, so what runs past the page's edge is cut
 * without a word (a 300-column table printed columns 0–32; 14 columns of 12-digit numbers lost the last two).
 * The print fits a wide table (smaller type, down to a floor; cells wrapped) or fails naming it where the
 * chapter places it. The mini report's tab:simple is replaced by a wide one; the English edition is printed.
 */
const session = newSession();
const roots: string[] = [];
afterAll(async () => {
  await closeTestBrowser();
  roots.forEach((r) => rmSync(r, { recursive: true, force: true }));
});

/** A table of `columns` columns and 6 rows, each cell `cell(row, column)`, in place of tab:simple. */
async function buildWithTable(columns: number, cell: (r: number, c: number) => string, formats = ['html', 'pdf']) {
  const root = reportCopy('mini');
  roots.push(root);
  const both = (s: string) => ({ zh: s, en: s });
  const table = {
    source: 'generated',
    columns: Array.from({ length: columns }, (_, c) => both(`C${c + 1}`)),
    rows: Array.from({ length: 6 }, (_, r) => Array.from({ length: columns }, (_, c) => both(cell(r, c)))),
  };
  writeFileSync(path.join(root, 'data', 'tables', 'simple.json'), JSON.stringify(table));
  const out = path.join(root, 'dist');
  try {
    await build(options(root, out, { langs: ['en'], session, formats }));
    return { out, errors: [] as string[] };
  } catch (e) {
    if (!(e instanceof BuildFailed)) throw e;
    return { out, errors: e.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) };
  } finally {
    await settled(session);
  }
}

describe('a table wider than the page', () => {
  it('14 columns of 12-digit numbers are fitted (smaller type, cells wrapped): every column printed', async () => {
    const r = await buildWithTable(14, (row, c) => String(100000000000 + row * 1000 + c * 7919 * 13));
    expect(r.errors).toEqual([]);
    const text = squash(
      (await readPdf(path.join(r.out, 'en', 'mini-report-en.pdf'))).pages.map((p) => p.text).join(' '),
    );
    // Every header, in order (the cells' numbers may wrap: the text reads them a line at a time, across the row).
    expect(text).toContain(Array.from({ length: 14 }, (_, c) => `C${c + 1}`).join(''));
  });

  it('300 columns cannot be: an error naming the table where the chapter places it', async () => {
    const r = await buildWithTable(300, (row, c) => String(row * 300 + c));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^content\/en\/01-main\.md:14:1 {2}error {2}Table "tab:simple" \(300 columns\) is \d+ px wide at 70% type, the page \d+ px: the PDF would cut it at the page's edge — .* {2}\[content-too-wide\]$/,
    );
  });

  it('on the web, at 390 px, 300 columns scroll inside the table’s own box: the page never scrolls sideways', async () => {
    const r = await buildWithTable(300, (row, c) => String(row * 300 + c), ['html']);
    expect(r.errors).toEqual([]);
    const page = await (await testBrowser()).newPage();
    try {
      await page.setViewport({ width: 390, height: 800 });
      await page.goto(pathToFileURL(path.join(r.out, 'en', 'index.html')).href);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        table: document.querySelector('[data-table="tab:simple"] table')!.scrollWidth,
      }));
      expect(widths.table).toBeGreaterThan(390 * 10);
      expect(widths.page).toBe(390);
    } finally {
      await page.close();
    }
  });
});
