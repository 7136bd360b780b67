import path from 'node:path';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../scripts/build.js';
import { closeTestBrowser, options, reportCopy, testBrowser } from '../helpers.js';
import { readPdf, type Pdf, type PdfLine } from '../pdf.js';
import {
  CHAPTERS,
  kindOf,
  layoutChapters,
  layoutTables,
  sectionTitle,
  tableCaption,
  type Lang,
} from './print-layout-report.js';

/**
 * Where the print edition breaks its pages, read back from the PDFs of a small report written so that its
 * headings, notes titles, short tables and paragraphs fall at every height of a page (chapters and sections of
 * lengths that differ; tests/e2e/print-layout-report.ts): no heading or notes title left at the foot of a page
 * with what it heads on the next, no short table split, no paragraph leaving one line alone at a page's top or
 * foot. Both editions.
 */
let root: string;
let out: string;
let result: BuildResult;
const pdfs: Partial<Record<Lang, Pdf>> = {};

beforeAll(async () => {
  root = reportCopy('mini');
  rmSync(path.join(root, 'content'), { recursive: true });
  layoutChapters(root);
  layoutTables(root);
  // Notes at each chapter's end, whose titles this checks (footnotes, the default, are tests/outputs/pdf-footnotes.test.ts's).
  appendFileSync(path.join(root, 'report.yaml'), 'notes: sections\n');
  out = path.join(mkdtempSync(path.join(tmpdir(), 'print-layout-')), 'dist');
  result = await build(options(root, out));
  for (const lang of ['zh', 'en'] as const)
    pdfs[lang] = await readPdf(path.join(out, lang, `${result.config.id}-${lang}.pdf`));
}, 600_000);
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
});

/** A page's text lines between the running header and the page number. */
function body(pdf: Pdf, page: number): PdfLine[] {
  const p = pdf.pages[page]!;
  return p.lines.filter((l) => l.y > 50 && l.y < p.height - 62);
}

/** The page (0-based) the first chapter starts on: the cover and contents are before it. */
function firstChapter(pdf: Pdf): number {
  return pdf.pages.findIndex((p) => p.lines.some((l) => /^(Chapter 1|第 1 章)$/.test(l.text.trim())));
}

/** Every body line of the chapters' pages with its page (0-based), in reading order. */
function lines(pdf: Pdf): { page: number; last: boolean; first: boolean; line: PdfLine }[] {
  return pdf.pages.flatMap((_, page) => {
    if (page < firstChapter(pdf)) return [];
    const b = body(pdf, page);
    return b.map((line, i) => ({ page, line, first: i === 0, last: i === b.length - 1 }));
  });
}

/** The body text's type size in the PDF (pt): the size most lines have. */
function bodySize(pdf: Pdf): number {
  const count = new Map<number, number>();
  for (const { line } of lines(pdf))
    count.set(Math.round(line.size * 10), (count.get(Math.round(line.size * 10)) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0]![0] / 10;
}

/**
 * The paragraphs' lines left alone at a page's top (a widow: the paragraph's last line) or foot (an orphan: its
 * first): a body line that is the first on its page, whose page's body text breaks after it (the next line is
 * more than a line's pitch below, or not body text), and whose previous page ended in body text; and the reverse.
 */
function loneLines(pdf: Pdf): string[] {
  const size = bodySize(pdf);
  const isBody = (l?: PdfLine) => l !== undefined && Math.abs(l.size - size) < 0.05;
  const pitch = size * 1.9; // (line-height 1.75: the next line of a paragraph is nearer than this)
  const found: string[] = [];
  for (let page = firstChapter(pdf) + 1; page < pdf.pages.length; page++) {
    const prev = body(pdf, page - 1);
    const here = body(pdf, page);
    const [a, b] = [prev.at(-2), prev.at(-1)];
    const [c, d] = [here[0], here[1]];
    if (!isBody(b) || !isBody(c)) continue;
    if (!isBody(d) || c!.y - d!.y > pitch) found.push(`widow at the top of page ${page + 1}: ${c!.text.trim()}`);
    if (!isBody(a) || a!.y - b!.y > pitch) found.push(`orphan at the foot of page ${page}: ${b!.text.trim()}`);
  }
  return found;
}

describe.each(['zh', 'en'] as const)('the %s edition printed', (lang) => {
  const zh = lang === 'zh';

  it('has the report laid out over many pages', () => {
    expect(pdfs[lang]!.pages.length).toBeGreaterThan(12);
  });

  it('never leaves a heading or a notes title at the foot of a page', () => {
    const all = lines(pdfs[lang]!);
    const titles = new Set([zh ? '注释' : 'Notes']);
    for (let k = 1; k <= CHAPTERS; k++) if (kindOf(k) === 'heading') titles.add(sectionTitle(lang, k));
    const headings = all.filter((l) => titles.has(l.line.text.trim()));
    expect(headings.length).toBe((CHAPTERS / 3) * 2);
    const stranded = headings.filter((l) => l.last).map((l) => `${l.line.text.trim()} (page ${l.page + 1})`);
    expect(stranded).toEqual([]);
  });

  it('keeps each short table whole: caption, rows and source on one page', () => {
    const all = lines(pdfs[lang]!);
    for (let k = 1; k <= CHAPTERS; k++) {
      if (kindOf(k) !== 'table') continue;
      const caption = all.findIndex((l) => l.line.text.includes(tableCaption(lang, k)));
      expect(caption, `table ${k}`).toBeGreaterThan(-1);
      const rest = all.slice(caption);
      const last = rest.find((l) => l.line.text.includes(zh ? '澳门' : 'Macao'))!;
      const source = rest.find((l) => l.line.text.includes(zh ? '测试来源' : 'Test source'))!;
      expect([last.page, source.page], `table ${k}`).toEqual([all[caption]!.page, all[caption]!.page]);
    }
  });

  it('sets a level-four heading (an h5) in the theme sans face, on screen and in print', async () => {
    const page = await (await testBrowser()).newPage();
    try {
      await page.goto(pathToFileURL(path.join(out, lang, 'index.html')).href);
      const style = () =>
        page.$eval('h5#detail', (h) => {
          const s = getComputedStyle(h);
          return { family: s.fontFamily, size: s.fontSize, next: getComputedStyle(h.nextElementSibling!).fontSize };
        });
      for (const media of ['screen', 'print']) {
        await page.emulateMediaType(media);
        const { family, size, next } = await style();
        expect(family, media).toMatch(zh ? /^"?Noto Sans SC/ : /^"?Source Sans 3/);
        // Not the browser's h5 (0.83em): about the size of the text that follows it.
        expect(parseFloat(size) / parseFloat(next), media).toBeGreaterThan(0.9);
      }
    } finally {
      await page.close();
    }
  });

  it('leaves no line of a paragraph alone at the top or the foot of a page', () => {
    expect(loneLines(pdfs[lang]!)).toEqual([]);
  });
});
