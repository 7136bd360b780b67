import path from 'node:path';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { findBrowser } from '../../scripts/browser/find.js';
import { closeTestBrowser, options, repo, testBrowser } from '../helpers.js';
import { checkToc, readPdf, squash, type Pdf } from '../pdf.js';
import { sharedReport, type RealReport } from '../shared-reports.js';
import { reportNotes } from './report-notes.js';

/**
 * The repository's own report, both editions, HTML and PDF, read back: built once per run for every file
 * that only reads it (tests/shared-reports-setup.ts). The PDFs are printed with the Chromium that comes with npm
 * (REPORT_BROWSER=bundled's), even where the machine has its own, so that that path is tested everywhere;
 * where the machine has another browser, the report is printed with it too and the two sets of PDFs are compared.
 */
let result: RealReport['result'];
let out: string;
let cache: string;
const pdfs = new Map<string, Pdf>();

beforeAll(async () => {
  ({ out, result, cacheDir: cache } = await sharedReport('real'));
  for (const lang of ['zh', 'en']) pdfs.set(lang, await readPdf(pdfPath(lang)));
});
afterAll(closeTestBrowser);

const pdfPath = (lang: string, dist = out) => path.join(dist, lang, `${result.config.id}-${lang}.pdf`);
const html = (lang: string) => readFileSync(path.join(out, lang, 'index.html'), 'utf8');
const pdf = (lang: string) => pdfs.get(lang)!;
const pageTexts = (lang: string) => pdf(lang).pages.map((p) => p.text);
const edition = (lang: string) => result.editions.find((e) => e.lang === lang)!;

describe.each(['zh', 'en'])('the %s edition', (lang) => {
  it('has every heading, and the figures, tables and notes of the report', () => {
    const page = html(lang);
    const headings = edition(lang).html.headings;
    expect(headings.length).toBeGreaterThan(20);
    expect(page.match(/<figure class="figure/g)).toHaveLength(10);
    expect(page.match(/<figure class="table-figure"/g)).toHaveLength(2);
    expect(page.match(/class="figure figure-pending"/g)).toHaveLength(5);
    // Every note of the report cites a publication: each is a citation ([@key]), numbered cite-<chapter>-<n>.
    expect(page.match(/<li id="note-cite-[a-z]+-\d+"/g)).toHaveLength(15);
    // Charts are inline SVG whose labels are text, in the edition's language: each in its print layout and a narrow one.
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(10);
    expect(page.match(/<div class="chart-wide"><svg/g)).toHaveLength(5);
    expect(page.match(/<div class="chart-narrow"><svg/g)).toHaveLength(5);
    for (const svg of svgs) expect(svg).toMatch(/<text[^>]*>[^<]+<\/text>/);
    if (lang === 'zh') expect(svgs.join('')).toMatch(/<text[^>]*>[^<]*[\u4e00-\u9fff][^<]*<\/text>/);
  });

  it('prints each note as its style gives the reference (report-notes.ts: how each differs from before)', () => {
    const page = html(lang);
    const notes = [
      ...page.matchAll(/<li id="note-[^"]+" value="(\d+)"><p>([\s\S]*?) <a href="#ref-[^"]*" class="note-back"/g),
    ];
    expect(notes.map((m) => Number(m[1]))).toEqual(reportNotes.map((_, i) => i + 1));
    expect(notes.map((m) => m[2]!.replace(/<[^>]+>/g, '').replaceAll('&#x26;', '&'))).toEqual(
      reportNotes.map((n) => n[lang as 'zh' | 'en']),
    );
    expect(notes.map((m) => /data-cites="([^"]+)"/.exec(m[2]!)?.[1])).toEqual(reportNotes.map((n) => n.key));
  });

  it('prints a PDF whose table of contents gives the pages where the headings are', () => {
    // Read from the PDF alone: the number printed beside each entry, the page where a line begins with the
    // heading's text, the page of its bookmark and the page its link lands on must all be the same.
    const { entries, problems } = checkToc(pdf(lang));
    expect(problems).toEqual([]);
    const headings = edition(lang).html.headings.filter((h) => h.depth <= 3);
    expect(
      entries.map((e) => squash(e.text)),
      'one entry per heading, in order',
    ).toEqual(headings.map((h) => squash(h.text)));
    for (const e of entries) expect(e.printed, e.text).toBeGreaterThan(2);
  });

  it('has the running header on every page but the cover, and page numbers in order', () => {
    const pages = pageTexts(lang);
    const short = result.config.editions[lang as 'zh'].shortTitle;
    expect(pages[0]).not.toContain(short);
    pages.slice(1).forEach((t, i) => {
      expect(t.replace(/\s+/g, ' '), `page ${i + 2}`).toContain(short.replace(/\s+/g, ' '));
      const n = i + 2;
      expect(t.replace(/\s+/g, ''), `page ${n}`).toContain(
        lang === 'zh' ? `第${n}页/共${pages.length}页` : `Page${n}of${pages.length}`,
      );
    });
  });

  it("prints the charts in their print layout, without the web's share menus, hints or phone layout", () => {
    const text = pageTexts(lang).join('\n').replace(/\s+/g, '');
    const strings =
      lang === 'zh'
        ? ['分享与引用', '复制链接', '引用本图', '用方向键']
        : ['Shareandcite', 'Copylink', 'Citethisfigure', 'Arrowkeys'];
    for (const s of strings) expect(text).not.toContain(s);
    // and the charts are there (an axis title).
    expect(text).toContain(lang === 'zh' ? '研发支出占GDP比重（%）' : 'R&Dexpenditure(%ofGDP)');
  });

  it('embeds every font, subset, and none from the system', () => {
    const fonts = pdf(lang).fonts;
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ embedded: true, subset: true, toUnicode: true });
      expect(f.name).not.toMatch(/DejaVu|Liberation|Arial|Helvetica|Times|Courier|OpenSans|Open Sans/i);
      expect(f.name).toMatch(/Noto|Source/);
    }
  });

  it('sets the metadata, the language and an outline, and is tagged', () => {
    const { info, outline } = pdf(lang);
    const meta = result.config.editions[lang as 'zh'];
    expect(info.title).toBe(meta.title);
    // The authors in the edition's brackets (full-width in Chinese); the keywords apart by "; ", as PDF readers
    // split them (joined by spaces, "science and technology innovation" would be four keywords).
    expect(info.author).toBe(
      lang === 'zh'
        ? `${meta.authorGroup}（${meta.authors.join('、')}）`
        : `${meta.authorGroup} (${meta.authors.join(', ')})`,
    );
    expect(info.subject).toMatch(/\S/);
    expect(info.keywords).toBe(meta.keywords.join('; '));
    expect(meta.keywords.length).toBeGreaterThan(1);
    expect(info.tagged).toBe(true);
    expect(info.lang).toBe(lang === 'zh' ? 'zh-CN' : 'en');
    // The report's date (report.yaml: 2023-01-10) as an instant, whatever the machine's time zone and locale.
    expect(result.config.date).toBe('2023-01-10');
    expect(info.creationDate?.toISOString()).toBe('2023-01-10T00:00:00.000Z');
    expect(outline.length).toBeGreaterThanOrEqual(6);
    for (const o of outline) expect(o.page, o.title).toBeGreaterThanOrEqual(1);
  });

  it('has links that land: the TOC and the notes inside the PDF, the rest on the web', () => {
    const links = pdf(lang).pages.flatMap((p) => p.links);
    const internal = links.filter((l) => l.url === undefined);
    expect(internal.length).toBeGreaterThanOrEqual(14 + 15); // the TOC's entries and the note numbers, at least
    for (const l of internal) expect(l.page, `link to #${l.dest}`).toBeGreaterThanOrEqual(1);
    for (const l of links.filter((x) => x.url !== undefined)) expect(l.url).toMatch(/^https?:\/\//);
  });
});

describe("the PDFs printed by the bundled Chromium and by the machine's own browser", async () => {
  const own = await findBrowser({
    env: { ...process.env, REPORT_BROWSER: '' },
    cacheDir: path.join(repo, '.cache'),
  }).catch(() => undefined);
  const other = own && own.source !== 'bundled' ? own : undefined;

  it.skipIf(!other)(
    `are the same in pages, text, fonts and table of contents (${other?.executablePath ?? 'no other browser here'})`,
    async () => {
      const otherOut = path.join(mkdtempSync(path.join(tmpdir(), 'report-out-')), 'dist');
      try {
        await build(options(repo, otherOut, { cacheDir: cache, browser: () => testBrowser('machine') }));
        for (const lang of ['zh', 'en']) {
          const [bundled, theirs] = [pdf(lang), await readPdf(pdfPath(lang, otherOut))];
          expect(theirs.pages.length, `${lang}: pages`).toBe(bundled.pages.length);
          theirs.pages.forEach((p, i) => expect(p.text, `${lang}: text of page ${i + 1}`).toBe(bundled.pages[i]!.text));
          // The same faces (Chromium versions split a face into subsets differently).
          const faces = (d: Pdf) => [...new Set(d.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))].sort();
          expect(faces(theirs), `${lang}: fonts`).toEqual(faces(bundled));
          const toc = (d: Pdf) => checkToc(d).entries.map((e) => [e.text, e.printed]);
          expect(toc(theirs), `${lang}: TOC`).toEqual(toc(bundled));
        }
      } finally {
        rmSync(path.dirname(otherOut), { recursive: true, force: true });
      }
    },
  );
});

describe('the two editions', () => {
  it('have a review page beside them, every unit in step', () => {
    const review = readFileSync(path.join(out, 'review', 'index.html'), 'utf8');
    const rows = review.match(/<div class="row (?!slot)[^"]*"/g) ?? [];
    // 76 units: the report's notes are citations, compared (by key) within the paragraphs that cite them, no
    // longer units of their own (there were 15).
    expect(rows.length).toBeGreaterThan(70);
    expect(rows.every((r) => r.startsWith('<div class="row ok '))).toBe(true);
    expect(review).toContain('Every unit is in step with its source.');
    // every paragraph of each edition has its unit id, which the page links to
    expect(html('en')).toContain('<p id="status-hk.p1">');
    expect(review).toContain('href="../en/index.html#status-hk.p1"');
  });

  it('link to each other and to a language chooser', () => {
    expect(html('zh')).toContain('href="../en/index.html"');
    expect(html('en')).toContain('href="../zh/index.html"');
    const chooser = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(chooser).toContain('href="zh/index.html"');
    expect(chooser).toContain('href="en/index.html"');
  });

  it('keep the English prose free of Chinese (notes keep Chinese source titles)', () => {
    const main = html('en')
      .replace(/<section class="notes"[\s\S]*?<\/section>/g, '')
      .replace(/<svg[\s\S]*?<\/svg>/g, '');
    // Every paragraph, whatever its attributes (each has its unit id): <p id="…">, <p class="…">.
    const prose = [...main.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(prose.length, 'paragraphs read').toBeGreaterThan(50);
    expect(prose.join('\n').replaceAll('\u00ad', '')).toContain('Over the past 40 years, Shenzhen');
    const withChinese = prose.filter((p) =>
      /[\u4e00-\u9fff]/.test(p.replace(/\((卡脖子|前研后产|前店后厂|三来一补)(, [^)]*)?\)/g, '')),
    );
    expect(withChinese).toEqual([]);
  });

  it('reproduce the report: the numbers of the seed text in the Chinese edition', () => {
    // (a number and its unit are joined by a no-break space: read as the seed's plain one)
    const text = html('zh').replace(/\u00a0/g, ' ');
    for (const s of ['1510.81 亿元', '90.68%', '345780 人年', '265.54 亿港元', '4.81%', '2.63%'])
      expect(text).toContain(s);
    expect(html('en')).toContain('RMB\u00a0151.08\u00a0billion');
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
