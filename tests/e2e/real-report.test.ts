import path from 'node:path';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFDict } from 'pdf-lib';
import { build, type BuildResult } from '../../scripts/build.js';
import { closeTestBrowser, options, repo, run } from '../helpers.js';

/** Builds the repository's own report, both editions, HTML and PDF, and reads them back. */
let result: BuildResult;
let out: string;
const cache = mkdtempSync(path.join(tmpdir(), 'report-cache-'));

beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(tmpdir(), 'report-out-')), 'dist');
  result = await build(options(repo, out, { cacheDir: cache }));
});
afterAll(closeTestBrowser);

const pdfPath = (lang: string) => path.join(out, lang, `${result.config.id}-${lang}.pdf`);
const html = (lang: string) => readFileSync(path.join(out, lang, 'index.html'), 'utf8');
const pageTexts = (lang: string) => run('pdftotext', ['-layout', pdfPath(lang), '-']).split('\f').slice(0, -1);

describe.each(['zh', 'en'])('the %s edition', (lang) => {
  it('has every heading, and the figures, tables and notes of the report', () => {
    const page = html(lang);
    const headings = result.editions.find((e) => e.lang === lang)!.html.headings;
    expect(headings.length).toBeGreaterThan(20);
    expect(page.match(/<figure class="figure/g)).toHaveLength(10);
    expect(page.match(/<figure class="table-figure"/g)).toHaveLength(2);
    expect(page.match(/class="figure figure-pending"/g)).toHaveLength(5);
    expect(page.match(/<li id="note-n\d+"/g)).toHaveLength(15);
    // Charts are inline SVG whose labels are text, in the edition's language: each in its print layout and a narrow one.
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(10);
    expect(page.match(/<div class="chart-wide"><svg/g)).toHaveLength(5);
    expect(page.match(/<div class="chart-narrow"><svg/g)).toHaveLength(5);
    for (const svg of svgs) expect(svg).toMatch(/<text[^>]*>[^<]+<\/text>/);
    if (lang === 'zh') expect(svgs.join('')).toMatch(/<text[^>]*>[^<]*[\u4e00-\u9fff][^<]*<\/text>/);
  });

  it('prints a PDF whose table of contents gives the pages where the headings are', () => {
    const pages = pageTexts(lang);
    const { tocPages } = result.editions.find((e) => e.lang === lang)!.pdf!;
    const headings = result.editions.find((e) => e.lang === lang)!.html.headings.filter((h) => h.depth <= 3);
    const norm = (s: string) => s.replace(/\s+/g, '');
    for (const h of headings) {
      const p = tocPages[h.id];
      expect(p, h.id).toBeGreaterThan(2);
      expect(norm(pages[p! - 1]!), `${h.text} on page ${p}`).toContain(norm(h.text).slice(0, 12));
      // and the TOC page prints that number beside the entry
      expect(norm(pages[1]! + (pages[2] ?? '')), h.text).toContain(norm(h.text).slice(0, 8));
    }
  });

  it('has the running header on every page but the cover, and page numbers in order', () => {
    const pages = pageTexts(lang);
    const short = result.config.editions[lang as 'zh'].shortTitle;
    expect(pages[0]).not.toContain(short);
    pages.slice(1).forEach((t, i) => {
      expect(t.replace(/\s+/g, ' '), `page ${i + 2}`).toContain(short.replace(/\s+/g, ' '));
      const n = i + 2;
      expect(t.replace(/\s+/g, ''), `page ${n}`).toContain(lang === 'zh' ? `第${n}页/共${pages.length}页` : `Page${n}of${pages.length}`);
    });
  });

  it('prints the charts in their print layout, without the web\'s share menus, hints or phone layout', () => {
    const text = pageTexts(lang).join('\n').replace(/\s+/g, '');
    const strings = lang === 'zh' ? ['分享与引用', '复制链接', '引用本图', '用方向键'] : ['Shareandcite', 'Copylink', 'Citethisfigure', 'Arrowkeys'];
    for (const s of strings) expect(text).not.toContain(s);
    // and the charts are there (an axis title).
    expect(text).toContain(lang === 'zh' ? '研发支出占GDP比重（%）' : 'R&Dexpenditure(%ofGDP)');
  });

  it('embeds every font, subset, and none from the system', () => {
    const lines = run('pdffonts', [pdfPath(lang)]).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).toMatch(/yes\s+yes\s+yes/);
      expect(l).not.toMatch(/DejaVu|Liberation|Arial|Helvetica|Times|Courier/i);
      expect(l).toMatch(/Noto|Source/);
    }
  });

  it('sets the metadata, the language and an outline, and is tagged', async () => {
    const info = run('pdfinfo', [pdfPath(lang)]);
    const meta = result.config.editions[lang as 'zh'];
    expect(info).toContain(meta.title.slice(0, 10));
    expect(info).toMatch(/Author:\s+\S/);
    expect(info).toMatch(/Keywords:\s+\S/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/CreationDate:\s+Tue Jan 10 00:00:00 2023/);
    const doc = await PDFDocument.load(readFileSync(pdfPath(lang)));
    const lang_ = doc.catalog.get(PDFName.of('Lang'))?.toString();
    expect(lang_).toContain(lang === 'zh' ? 'zh-CN' : 'en');
    const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
    expect(outlines).toBeDefined();
    const count = Math.abs(Number(outlines!.get(PDFName.of('Count'))?.toString() ?? 0));
    expect(count).toBeGreaterThanOrEqual(6);
  });
});

describe('the two editions', () => {
  it('link to each other and to a language chooser', () => {
    expect(html('zh')).toContain('href="../en/index.html"');
    expect(html('en')).toContain('href="../zh/index.html"');
    const chooser = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(chooser).toContain('href="zh/index.html"');
    expect(chooser).toContain('href="en/index.html"');
  });

  it('keep the English prose free of Chinese (notes keep Chinese source titles)', () => {
    const main = html('en').replace(/<aside class="notes"[\s\S]*?<\/aside>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '');
    const prose = [...main.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    const withChinese = prose.filter((p) => /[\u4e00-\u9fff]/.test(p.replace(/\((卡脖子|前研后产|前店后厂|三来一补)\)/g, '')));
    expect(withChinese).toEqual([]);
  });

  it('reproduce the report: the numbers of the seed text in the Chinese edition', () => {
    const text = html('zh');
    for (const s of ['1510.81 亿元', '90.68%', '345780 人年', '265.54 亿港元', '4.81%', '2.63%']) expect(text).toContain(s);
    expect(html('en')).toContain('RMB 151.08 billion');
  });

  it('ship only bundled fonts, for the characters each edition uses', () => {
    for (const lang of ['zh', 'en']) {
      const css = readFileSync(path.join(out, lang, 'assets', 'fonts.css'), 'utf8');
      const files = readdirSync(path.join(out, lang, 'assets', 'fonts'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(css).toContain(f);
      expect(css).not.toMatch(/local\(|https?:/);
    }
  });
});
