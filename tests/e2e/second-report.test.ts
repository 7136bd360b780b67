import path from 'node:path';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../scripts/build.js';
import type { PdfState } from '../../scripts/outputs/pdf/index.js';
import { closeTestBrowser, options, repo, reportCopy } from '../helpers.js';
import { readPdf, squash } from '../pdf.js';
import { chartOf, coloursByCode } from './chart-colours.js';

/**
 * A second report, unlike the repository's (tests/fixtures/second-report): written in English and
 * translated into Chinese, English edition first, no templates/ folder at all (the built-in theme
 * only), one World Bank dataset bound to the prose, a chart and a table. Built end to end, both
 * editions, HTML and PDF; then one value of its CSV is raised and everything that shows it follows.
 */
let root: string;
let out: string;
let first: BuildResult;
const html = (lang: string) => readFileSync(path.join(out, lang, 'index.html'), 'utf8');
/** An edition's PDF text, every space removed (table cells are separate runs of text). */
const pdfText = async (lang: string) =>
  squash((await readPdf(path.join(out, lang, `rd-intensity-six-${lang}.pdf`))).pages.map((p) => p.text).join(''));
const tableOf = (page: string) => /<table class="table-dataset"[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
const rowsOf = (table: string) =>
  [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);

beforeAll(async () => {
  root = reportCopy('second-report');
  out = path.join(mkdtempSync(path.join(tmpdir(), 'second-')), 'dist');
  first = await build(options(root, out));
});
afterAll(closeTestBrowser);

describe('a second report with no templates/', () => {
  it('builds both editions, HTML and PDF, from the built-in theme, without a warning', () => {
    expect(existsSync(path.join(root, 'templates'))).toBe(false);
    expect(first.diagnostics).toEqual([]);
    expect(first.editions.map((e) => e.lang)).toEqual(['en', 'zh']);
    for (const lang of ['en', 'zh']) {
      expect(
        (first.editions.find((e) => e.lang === lang)!.outputs.pdf!.state as PdfState).pages,
      ).toBeGreaterThanOrEqual(4);
      expect(readFileSync(path.join(out, lang, 'assets', 'report.css'), 'utf8')).toBe(
        readFileSync(path.join(repo, 'theme', 'styles', 'report.css'), 'utf8'),
      );
    }
    expect(html('en')).toContain('<html lang="en">');
    expect(html('zh')).toContain('<html lang="zh-CN">');
  });

  it('prints the table from the dataset: filtered to 2021, sorted by value, labels as row headers, numbers as the text rounds them', async () => {
    expect(rowsOf(tableOf(html('en')))).toEqual([
      ['Israel', '5.76'],
      ['Sweden', '3.42'],
      ['United Kingdom', '2.90'],
      ['France', '2.21'],
      ['Canada', '1.87'],
      ['Italy', '1.41'],
    ]);
    expect(rowsOf(tableOf(html('zh')))).toEqual([
      ['以色列', '5.76'],
      ['瑞典', '3.42'],
      ['英国', '2.90'],
      ['法国', '2.21'],
      ['加拿大', '1.87'],
      ['意大利', '1.41'],
    ]);
    const table = tableOf(html('en'));
    expect(table).toContain('<th scope="col">Economy</th><th scope="col" class="num">% of GDP</th>');
    expect(table).toMatch(
      /aria-labelledby="tab-gerd-share-2021-caption" aria-describedby="tab-gerd-share-2021-source"/,
    );
    expect(html('en')).toMatch(
      /<figcaption id="tab-gerd-share-2021-caption">[\s\S]*?R&#x26;D expenditure as a share of GDP, 2021<\/figcaption>/,
    );
    expect(html('en')).toContain(
      '<p class="figure-source" id="tab-gerd-share-2021-source">Source: World Bank, World Development Indicators</p>',
    );
    expect(html('en')).toContain('In 2021 Israel spent 5.8% of its GDP');
    expect(html('zh')).toContain('以色列研发支出占国内生产总值的 5.8%');
    // (English prose is hyphenated with soft hyphens, and its apostrophes are curly)
    expect(html('en').replace(/\u00ad/g, '')).toMatch(
      /Sweden[’']s for 2021 is 3\.41565% as published, and 3\.42 rounded/,
    );
    const pdf = await pdfText('en');
    expect(pdf).toContain('Israel5.76');
    expect(pdf).toContain('Italy1.41');
    expect(await pdfText('zh')).toContain('以色列5.76');
  });

  it('gives each economy the same colour in both editions, though its Chinese and English names sort differently', () => {
    const labels = parse(readFileSync(path.join(root, 'data', 'gerd-share.meta.yaml'), 'utf8')).labels.economy;
    const svgs = { zh: chartOf(html('zh'), 'fig:gerd-share'), en: chartOf(html('en'), 'fig:gerd-share') };
    const { zh, en } = coloursByCode(svgs, labels);
    expect(Object.values(zh)).not.toContain('(missing)');
    expect(new Set(Object.values(zh)).size).toBe(6);
    expect(en).toEqual(zh);
  });

  it('follows one edit of its CSV in prose, table and chart, in both editions and both PDFs', async () => {
    const chart0 = { en: chartOf(html('en'), 'fig:gerd-share'), zh: chartOf(html('zh'), 'fig:gerd-share') };
    const csv = path.join(root, 'data', 'gerd-share.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('isr-2021,ISR,2021,5.75725,', 'isr-2021,ISR,2021,6.91234,'));
    const again = await build(options(root, out));
    // the one chart, in its print and phone layouts, in both editions
    expect(again.chartsRendered).toBe(4);
    expect(html('en')).toContain('In 2021 Israel spent 6.9% of its GDP');
    expect(html('zh')).toContain('以色列研发支出占国内生产总值的 6.9%');
    expect(rowsOf(tableOf(html('en')))[0]).toEqual(['Israel', '6.91']);
    expect(rowsOf(tableOf(html('zh')))[0]).toEqual(['以色列', '6.91']);
    for (const lang of ['en', 'zh'] as const) {
      const chart = chartOf(html(lang), 'fig:gerd-share');
      expect(chart).not.toBe(chart0[lang]);
      expect(chart).toContain('6.91234');
      expect(chart0[lang]).toContain('5.75725');
    }
    expect(await pdfText('en')).toContain('Israel6.91');
    expect(await pdfText('zh')).toContain('以色列6.91');
  });
});
