import path from 'node:path';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../scripts/build.js';
import { closeTestBrowser, options, reportCopy, testBrowser } from '../helpers.js';
import { readPdf, squash } from '../pdf.js';

/**
 * Sample data marked as such: the mini report with `illustrative: true` in data/growth.meta.yaml. The figure
 * drawn from it (fig:growth) and the table bound to it (tab:growth) carry "Illustrative data" / "示意数据" under
 * their caption and across the chart or table, in the HTML and in the PDF; the literal table (tab:simple) does not.
 */
let root: string;
let out: string;
let result: BuildResult;
const mark = { zh: '示意数据', en: 'Illustrative data' } as const;

beforeAll(async () => {
  root = reportCopy('mini');
  appendFileSync(path.join(root, 'data', 'growth.meta.yaml'), 'illustrative: true\n');
  out = path.join(mkdtempSync(path.join(tmpdir(), 'illustrative-')), 'dist');
  result = await build(options(root, out));
}, 600_000);
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
});

const html = (lang: string) => readFileSync(path.join(out, lang, 'index.html'), 'utf8');
/** The <figure> element of a figure or table, as written in the page. */
const figureOf = (page: string, attr: string) =>
  new RegExp(`<figure [^>]*${attr}[\\s\\S]*?</figure>`).exec(page)?.[0] ?? '';

describe.each(['zh', 'en'] as const)('the %s edition of a report with sample data', (lang) => {
  it('builds without a warning about it', () => {
    expect(result.diagnostics.filter((d) => /illustrative/.test(JSON.stringify(d)))).toEqual([]);
  });

  it('marks the chart and the bound table in the HTML, and not the literal table', () => {
    const page = html(lang);
    for (const attr of ['data-figure="fig:growth"', 'data-table="tab:growth"']) {
      const fig = figureOf(page, attr);
      expect(fig, attr).toMatch(/^<figure class="[^"]*\billustrative\b/);
      expect(fig, attr).toContain(`<p class="illustrative-mark">${mark[lang]}</p>`);
      expect(fig, attr).toContain(`data-watermark="${mark[lang]}"`);
    }
    expect(figureOf(page, 'data-table="tab:simple"')).not.toContain('illustrative');
  });

  it('draws the words across the chart (the CSS watermark) in the edition sans face', async () => {
    const page = await (await testBrowser()).newPage();
    try {
      await page.goto(pathToFileURL(path.join(out, lang, 'index.html')).href);
      const after = await page.$eval('figure[data-figure="fig:growth"] [data-watermark]', (el) => {
        const s = getComputedStyle(el, '::after');
        return { content: s.content, family: s.fontFamily, position: s.position };
      });
      expect(after).toMatchObject({ content: `"${mark[lang]}"`, position: 'absolute' });
      expect(after.family).toMatch(lang === 'zh' ? /Noto Sans SC/ : /Source Sans 3/);
    } finally {
      await page.close();
    }
  });

  it('prints the mark in the PDF, beside each of the two', async () => {
    const pdf = await readPdf(path.join(out, lang, `${result.config.id}-${lang}.pdf`));
    const text = squash(pdf.pages.map((p) => p.text).join(''));
    expect(text.split(squash(mark[lang])).length - 1).toBeGreaterThanOrEqual(2);
  });
});
