import path from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestBrowser, testBrowser } from '../helpers.js';
import { pageFill, readPdf, type Pdf, type PdfLine } from '../pdf.js';
import { sharedReport, type RealReport } from '../shared-reports.js';

/**
 * Print-grade typography on the real report, read back from its HTML and PDFs (pdf.js): typographic quotes and
 * hyphenation in English, bookmarks that read as the headings, no half-empty page inside a chapter, and
 * English running text that spells out one to nine.
 */
let result: RealReport['result'];
let out: string;
const pdfs: Record<string, Pdf> = {};

beforeAll(async () => {
  // The real report as real-report.test.ts reads it: built once per run (tests/shared-reports-setup.ts).
  ({ out, result } = await sharedReport('real'));
  for (const lang of ['zh', 'en']) pdfs[lang] = await readPdf(path.join(out, lang, `${result.config.id}-${lang}.pdf`));
}, 600_000);
afterAll(closeTestBrowser);

const SHY = '\u00ad';
const html = (lang: string) => readFileSync(path.join(out, lang, 'index.html'), 'utf8');
const decode = (s: string) =>
  s
    .replace(/&quot;|&#x22;|&#34;/g, '"')
    .replace(/&#x27;|&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
/** The text a reader sees in the edition's main part: no tags, attributes, charts or scripts. */
const mainText = (lang: string) => {
  const page = html(lang);
  const main = page.slice(page.indexOf('<main'), page.indexOf('</main>')).replace(/<svg[\s\S]*?<\/svg>/g, '');
  return decode(main.replace(/<[^>]*>/g, ' '));
};
const pdfText = (lang: string) => pdfs[lang]!.pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
const headingsOf = (lang: string) => result.editions.find((e) => e.lang === lang)!.html.headings;

describe('English quotes', () => {
  it('are typographic in the HTML: curly, none straight', () => {
    const text = mainText('en');
    expect(text.match(/"/g) ?? [], 'straight double quotes').toEqual([]);
    expect(text.match(/[“”]/g)?.length ?? 0).toBeGreaterThan(100);
    expect((text.match(/“/g) ?? []).length, 'every quote opened is closed').toBe((text.match(/”/g) ?? []).length);
    expect(text).toMatch(/Hong Kong’s/);
  });

  it('are typographic in the PDF', () => {
    const text = pdfText('en');
    expect(text.match(/"/g) ?? []).toEqual([]);
    expect(text.match(/[“”]/g)?.length ?? 0).toBeGreaterThan(100);
  });
});

describe('English hyphenation', () => {
  it('puts soft hyphens into body text only: not headings, notes or captions', () => {
    const page = html('en');
    expect(page.split(SHY).length - 1).toBeGreaterThan(1000);
    for (const [, inner] of page.matchAll(/<(h[1-6]|figcaption|a)\b[^>]*>([\s\S]*?)<\/\1>/g))
      expect(inner).not.toContain(SHY);
    const notes = [...page.matchAll(/<section class="notes"[\s\S]*?<\/section>/g)];
    expect(notes.length).toBeGreaterThan(0);
    for (const [list] of notes) expect(list).not.toContain(SHY);
  });

  it('breaks many lines of the PDF inside a word', () => {
    // A line that ends in "-" inside a word the text writes without one (not a compound such as "high-tech").
    const body = html('en')
      .replace(/<[^>]*>/g, '')
      .replaceAll(SHY, '');
    let broken = 0;
    for (const p of pdfs.en!.pages) {
      p.lines.forEach((line, i) => {
        const next = p.lines[i + 1]?.text ?? '';
        const m = /(\p{Ll}{2,})-$/u.exec(line.text);
        const n = /^(\p{Ll}{3,})/u.exec(next);
        if (m && n && body.includes(`${m[1]}${n[1]}`) && !body.includes(`${m[1]}-${n[1]}`)) broken++;
      });
    }
    expect(broken).toBeGreaterThan(40);
  });

  it('copies from the web page without the soft hyphens', async () => {
    const page = await (await testBrowser()).newPage();
    try {
      await page.goto(pathToFileURL(path.join(out, 'en', 'index.html')).href, { waitUntil: 'load' });
      const copied = await page.evaluate(() => {
        const p = [...document.querySelectorAll('main p')].find((el) => (el.textContent ?? '').includes('\u00ad'))!;
        getSelection()!.selectAllChildren(p);
        const data = new DataTransfer();
        document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
        return {
          text: data.getData('text/plain'),
          html: data.getData('text/html'),
          source: (p.textContent ?? '').replace(/\u00ad/g, ''),
        };
      });
      expect(copied.text).not.toContain(SHY);
      expect(copied.html).not.toContain(SHY);
      expect(copied.text.replace(/\s+/g, ' ').trim()).toBe(copied.source.replace(/\s+/g, ' ').trim());
    } finally {
      await page.close();
    }
  });
});

describe.each(['zh', 'en'])('the %s PDF', (lang) => {
  it('has bookmarks that read exactly as the headings', () => {
    const titles = pdfs[lang]!.outline.map((b) => b.title);
    const cover = result.config.editions[lang as 'zh'].title;
    expect(titles).toEqual([cover, ...headingsOf(lang).map((h) => h.text)]);
    // (the outline's depth counts from 1: the cover's entry, then the headings below it)
    expect(pdfs[lang]!.outline.slice(1).map((b) => b.depth - 1)).toEqual(headingsOf(lang).map((h) => h.depth - 1));
  });

  it('has no page inside a chapter less than 60% full', () => {
    const pages = pdfs[lang]!.pages;
    const short = result.config.editions[lang as 'zh'].shortTitle;
    const isFurniture = (l: { text: string }) =>
      l.text.trim() === short || /^Page \d+ of \d+$|^第 ?\d+ ?页/.test(l.text.trim());
    // The body's fill: a page's footnotes (notes: footnotes, the print default) are not body text.
    const fill = pageFill(
      pages.map((p) => ({ ...p, lines: p.lines.slice(0, footnotesStart(p.lines.filter((l) => !isFurniture(l)))) })),
      isFurniture,
    );
    const { tocPages } = result.editions.find((e) => e.lang === lang)!.pdf!;
    const starts = new Set(
      headingsOf(lang)
        .filter((h) => h.depth === 2)
        .map((h) => tocPages[h.id]!),
    );
    const first = Math.min(...starts);
    const thin: string[] = [];
    // A page of a run of figures (it starts with a caption, and so does the next) may end early: when the next
    // figure is taller than what is left and the section has no text between them, nothing may fill the space
    // without putting the figures out of their order (the float planner moves text, never a figure past another).
    const caption = /^(Figure|Table) \d+:|^[图表] ?\d+/;
    const opensWithCaption = (p: number) =>
      caption.test(pages[p - 1]?.lines.find((l) => !isFurniture(l))?.text.trim() ?? '');
    for (let p = first; p < pages.length; p++) {
      if (starts.has(p + 1)) continue; // the chapter ends on page p
      if (opensWithCaption(p) && opensWithCaption(p + 1)) continue;
      if (fill[p - 1]! < 0.6) thin.push(`page ${p}: ${Math.round(fill[p - 1]! * 100)}% full`);
    }
    expect(thin).toEqual([]);
    // The measure itself: a full page reads as full.
    expect(Math.max(...fill)).toBeGreaterThan(0.95);
  });

  it("prints each note at the foot of its reference's page, below the page's last line of body text", () => {
    const pages = pdfs[lang]!.pages;
    const short = result.config.editions[lang as 'zh'].shortTitle;
    let cited = 0;
    pages.forEach((page, i) => {
      const lines = page.lines.filter((l) => l.text.trim() !== short && !/^Page \d+ of \d+$|^第 ?\d+ ?页/.test(l.text));
      const refs = new Set(page.links.filter((l) => l.dest?.startsWith('note-')).map((l) => l.dest));
      for (const l of page.links.filter((l) => l.dest?.startsWith('note-'))) expect(l.page, l.dest).toBe(i + 1);
      const at = footnotesStart(lines);
      const notes = lines.slice(at).filter((l) => NOTE_START.test(l.text));
      expect(notes.length, `page ${i + 1}`).toBe(refs.size);
      if (!refs.size) return;
      cited += refs.size;
      const lowestBody = Math.min(...lines.slice(0, at).map((l) => l.bottom));
      expect(lines[at]!.top, `page ${i + 1}`).toBeLessThan(lowestBody);
    });
    expect(cited).toBeGreaterThan(10);
  });
});

/** A note's first line: its number, a full stop and a space, in the notes' type size. */
const NOTE_START = /^\d+\.\s/;
/**
 * Where a page's footnotes begin (an index into its lines, top to bottom; the lines' length when it has none): the
 * first line of a note's number from which every line to the page's foot is in the notes' smaller type.
 */
function footnotesStart(lines: PdfLine[]): number {
  let at = lines.length;
  for (let i = lines.length - 1; i >= 0 && lines[i]!.size < 9.5; i--) if (NOTE_START.test(lines[i]!.text)) at = i;
  return at;
}

describe('numerals', () => {
  it('English running text spells out one to nine; the Chinese and the tables keep figures', () => {
    const en = mainText('en').replaceAll(SHY, '').replace(/\s+/g, ' ');
    for (const s of [
      'one Turing Award research institute',
      'three Nobel laureate research institutes',
      'five Hong Kong universities',
    ])
      expect(en).toContain(s);
    const zh = mainText('zh').replace(/\s+/g, ' ');
    expect(zh).toContain('1 个图灵奖研究院');
    expect(zh).toContain('3 个诺贝尔');
  });
});
