import path from 'node:path';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import JSZip from 'jszip';
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../scripts/build.js';
import type { DevCache } from '../../scripts/incremental/dev-cache.js';
import { docxOutput } from '../../scripts/outputs/docx/index.js';
import { htmlOutput } from '../../scripts/outputs/html/index.js';
import { readDocx, type ReviewedDocx } from '../../scripts/review-docx/read-docx.js';
import { textAfter } from '../../scripts/review-docx/paragraphs.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';
import { elements as all } from '../hast.js';

/**
 * The DOCX edition of the repository's own report, opened as Word would (unzipped, its XML read): Word's styles
 * with the theme's fonts and languages, the headings, captions, footnotes, tables, images and links, and the
 * text of every paragraph the same as the HTML edition's, paragraph for paragraph. The writer is handed a page
 * that is not the report's (`job.html.html` swapped for a stand-in): what it writes comes from the edition's
 * trees, and the comparisons below are with the page the build staged.
 */
const root = reportCopy('real');
const out = path.join(root, 'dist');
const id = 'sz-hk-sci-tech-cooperation-2023';
const langs = ['zh', 'en'] as const;
type Lang = (typeof langs)[number];
const docs = new Map<Lang, { zip: JSZip; read: ReviewedDocx; main: Element }>();

/** What the DOCX writer is handed as the edition's page in place of the real one. */
const standIn =
  '<!doctype html><html><body><main><section data-chapter="x"><p id="x.1">Not the report</p></section></main>';
const handed: { lang: string; chapters: number; page: string }[] = [];

beforeAll(async () => {
  const make = docxOutput.make;
  const spy = vi.spyOn(docxOutput, 'make').mockImplementation((job) => {
    handed.push({ lang: job.lang, chapters: job.trees?.chapters.length ?? 0, page: job.html.html });
    return make({ ...job, html: { ...job.html, html: standIn } });
  });
  await build(options(root, out, { formats: ['docx'] })).finally(() => spy.mockRestore());
  for (const lang of langs) {
    const bytes = readFileSync(path.join(out, lang, `${id}-${lang}.docx`));
    const page = fromHtml(readFileSync(path.join(out, lang, 'index.html'), 'utf8'));
    docs.set(lang, {
      zip: await JSZip.loadAsync(bytes),
      read: await readDocx(bytes),
      main: all(page, (el) => el.tagName === 'main')[0]!,
    });
  }
});
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
});

const classes = (el: Element) => (el.properties.className as string[] | undefined) ?? [];
const norm = (s: string) => s.replaceAll('\u00ad', '').replace(/\s+/g, ' ').trim();
const xml = (lang: Lang, part: string) => docs.get(lang)!.zip.file(part)!.async('string');
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/** A page element's text as the DOCX holds it: no heading links, back links or note numbers (Word numbers its footnotes). */
function pageText(el: Element): string {
  const strip = (nodes: ElementContent[]): ElementContent[] =>
    nodes
      .filter(
        (n) =>
          n.type !== 'element' ||
          !(
            ['anchor', 'note-ref', 'note-back'].some((c) => classes(n).includes(c)) ||
            (el.tagName === 'li' && (n.tagName === 'ul' || n.tagName === 'ol'))
          ),
      )
      .map((n) => (n.type === 'element' ? { ...n, children: strip(n.children) } : n));
  return norm(toText({ ...el, children: strip(el.children) }));
}

/** The page's paragraphs with a source, in order: [unit id, text] (headings, paragraphs, list items, captions). */
function pageUnits(main: Element): [string, string][] {
  const out: [string, string][] = [];
  for (const el of all(main, (e) => ['h2', 'h3', 'h4', 'h5', 'p', 'li', 'figcaption'].includes(e.tagName))) {
    const id = String(el.properties.id ?? '');
    if (el.tagName === 'figcaption') {
      const figure = all(main, (f) => f.tagName === 'figure' && f.children.includes(el))[0]!;
      out.push([`${String(figure.properties.dataFigure ?? figure.properties.dataTable)}.caption`, pageText(el)]);
    } else if (id.includes('.') || (/^h\d$/.test(el.tagName) && id)) out.push([id, pageText(el)]);
  }
  return out;
}

describe('the DOCX edition', () => {
  it('has the text of the HTML edition, paragraph for paragraph, each at its unit', () => {
    for (const lang of langs) {
      const { read, main } = docs.get(lang)!;
      const body = read.paragraphs.filter((p) => p.part === 'body' && p.sources.length);
      const fromDocx = body.map((p) => [read.places.get(p.sources[0]!)!.unit, norm(textAfter(p))]);
      expect(fromDocx, lang).toEqual(pageUnits(main));
      expect(fromDocx.length, lang).toBeGreaterThan(50);
    }
  });

  it('writes the notes as Word footnotes, in the order and with the text the HTML edition lists them', async () => {
    for (const lang of langs) {
      const { read, main } = docs.get(lang)!;
      const notes = all(main, (el) => el.tagName === 'li' && String(el.properties.id ?? '').startsWith('note-'));
      const footnotes = read.paragraphs.filter((p) => p.part === 'footnote');
      expect(
        footnotes.map((p) => [read.places.get(p.sources[0]!)?.unit, norm(textAfter(p))]),
        lang,
      ).toEqual(
        // A note written in Markdown is a unit of its chapter; a citation's note ([@key], id cite-…) is made from
        // data/references.json: its footnote's place is the reference's entry there (cite.<keys>).
        notes.map((li) => {
          const id = String(li.properties.id).slice(5);
          const keys = all(li, (el) => el.properties.dataCites !== undefined).map((el) => el.properties.dataCites);
          return [id.startsWith('cite-') ? `cite.${keys.join('.')}` : `note.${id}`, pageText(li)];
        }),
      );
      const refs = count(await xml(lang, 'word/document.xml'), /<w:footnoteReference /g);
      expect(refs, lang).toBe(notes.length);
      expect(notes.length).toBeGreaterThan(5);
    }
  });

  it("uses Word's own styles, set from the theme: the edition's fonts with East Asian settings and its language", async () => {
    const families = { zh: ['Noto Serif SC', 'Noto Serif SC'], en: ['Source Serif 4', 'Noto Serif SC'] };
    for (const lang of langs) {
      const styles = await xml(lang, 'word/styles.xml');
      for (const style of ['Title', 'Heading1', 'Heading2', 'Caption', 'Quote', 'ListParagraph', 'FootnoteText'])
        expect(styles, `${lang}: ${style}`).toContain(`w:styleId="${style}"`);
      // every paragraph style used is defined (one that is not is set in Word's or LibreOffice's own font)
      const used = new Set(
        [await xml(lang, 'word/document.xml'), await xml(lang, 'word/footnotes.xml')].flatMap((x) =>
          [...x.matchAll(/<w:pStyle w:val="([^"]+)"/g)].map((m) => m[1]!),
        ),
      );
      for (const style of used) expect(styles, `${lang}: ${style} used, not defined`).toContain(`w:styleId="${style}"`);
      const [latin, cjk] = families[lang];
      expect(styles).toMatch(
        new RegExp(
          `<w:rPrDefault><w:rPr><w:rFonts w:ascii="${latin}" w:cs="${latin}" w:eastAsia="${cjk}" w:hAnsi="${latin}"/>`,
        ),
      );
      expect(styles).toContain(`<w:lang w:val="${lang === 'zh' ? 'zh-CN' : 'en-GB'}" w:eastAsia="zh-CN"/>`);
      const document = await xml(lang, 'word/document.xml');
      const { main } = docs.get(lang)!;
      expect(count(document, /<w:pStyle w:val="Heading1"\/>/g), lang).toBe(all(main, (e) => e.tagName === 'h2').length);
      expect(count(document, /<w:pStyle w:val="Heading2"\/>/g), lang).toBe(all(main, (e) => e.tagName === 'h3').length);
      expect(document, 'runs carry the language').toContain(`<w:lang w:val="${lang === 'zh' ? 'zh-CN' : 'en-GB'}"`);
      const fonts = await xml(lang, 'word/fontTable.xml');
      expect(fonts, 'the fonts are embedded').toMatch(/<w:font w:name="Noto Serif SC">.*?<w:embedRegular /);
    }
  });

  it('has a table of contents field, the running header and page numbers, and the edition’s date', async () => {
    for (const lang of langs) {
      expect(await xml(lang, 'docProps/core.xml'), 'the report’s date, not the build clock').toContain(
        '<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-10T00:00:00Z</dcterms:created>',
      );
      const document = await xml(lang, 'word/document.xml');
      expect(document).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-2&quot;/);
      // The pages after the first (the cover) carry them: the section's default header and footer.
      const rels = await xml(lang, 'word/_rels/document.xml.rels');
      const part = async (kind: 'header' | 'footer') => {
        const rid = new RegExp(`<w:${kind}Reference w:type="default" r:id="([^"]+)"`).exec(document)![1]!;
        return xml(lang, `word/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`);
      };
      expect(await part('header')).toContain(
        lang === 'zh' ? '深港科创合作报告' : 'Shenzhen–Hong Kong S&amp;T Cooperation',
      );
      expect(await part('footer')).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    }
  });

  it('writes figures as images with alt text and numbered captions, tables with header rows, pending figures marked', async () => {
    for (const lang of langs) {
      const { zip, main } = docs.get(lang)!;
      const document = await xml(lang, 'word/document.xml');
      const charts = all(main, (el) => classes(el).includes('chart'));
      expect(Object.keys(zip.files).filter((f) => /^word\/media\/.*\.png$/.test(f)).length).toBe(charts.length);
      for (const chart of charts)
        expect(document).toContain(`descr="${String(chart.properties.ariaLabel).replace(/&/g, '&amp;')}"`);
      expect(count(document, /<w:fldSimple w:instr="SEQ /g)).toBe(all(main, (e) => e.tagName === 'figcaption').length);
      const tables = all(main, (el) => el.tagName === 'table');
      expect(count(document, /<w:tbl>/g)).toBe(tables.length);
      expect(count(document, /<w:tblHeader\/>/g)).toBe(
        all(main, (el) => el.tagName === 'thead').flatMap((t) => all(t, (r) => r.tagName === 'tr')).length,
      );
      const pending = all(main, (el) => classes(el).includes('pending'));
      expect(count(document, /<w:pStyle w:val="Pending"\/>/g)).toBe(pending.length * 2);
    }
  });

  it('links cross-references to bookmarks that exist, and maps each source bookmark to a file and line', async () => {
    for (const lang of langs) {
      const { read } = docs.get(lang)!;
      const document = await xml(lang, 'word/document.xml');
      const bookmarks = new Set([...document.matchAll(/<w:bookmarkStart[^>]* w:name="([^"]+)"/g)].map((m) => m[1]));
      const anchors = [...document.matchAll(/<w:hyperlink[^>]* w:anchor="([^"]+)"/g)].map((m) => m[1]);
      const chapters = readdirSync(path.join(root, 'content', lang)).filter((f) => f.endsWith('.md'));
      // Each id of a {{ref}} a link: {{ref "fig:a" "fig:b"}} → "Figures 2" and "3", each linked.
      const ids = (md: string) =>
        [...md.matchAll(/\{\{ref((?:\s+"[^"]+")+)\s*\}\}/g)].map((m) => count(m[1]!, /"[^"]+"/g));
      const refs = chapters.flatMap((f) => ids(readFileSync(path.join(root, 'content', lang, f), 'utf8')));
      expect(anchors.length, 'each id of each {{ref}} a link').toBe(refs.reduce((a, b) => a + b, 0));
      for (const a of anchors) expect(bookmarks.has(a), a).toBe(true);
      for (const place of read.places.values())
        expect(place.file).toMatch(/^(content\/(zh|en)\/.*\.md|data\/(figures|tables)\.yaml|data\/references\.json)$/);
      const withNumbers = [...read.places.values()].filter((p) => p.numbers.length);
      expect(withNumbers.length, 'numbers from data are listed with their CSV').toBeGreaterThan(3);
      for (const p of withNumbers) for (const n of p.numbers) expect(n.file).toMatch(/^data\/.*\.csv$/);
    }
  });

  it('is written from the chapters’ trees, not the page’s HTML (the writer was handed a stand-in page)', async () => {
    expect(handed.map((j) => j.lang).sort()).toEqual(['en', 'zh']);
    for (const job of handed) {
      expect(job.chapters, `${job.lang}: the chapters' trees`).toBe(
        readdirSync(path.join(root, 'content', job.lang)).filter((f) => f.endsWith('.md')).length,
      );
      expect(job.page, 'the real page, before the stand-in').toContain('<main');
    }
    for (const lang of langs) {
      const document = await xml(lang, 'word/document.xml');
      expect(document).not.toContain('Not the report');
      expect(docs.get(lang)!.read.paragraphs.filter((p) => p.part === 'body').length).toBeGreaterThan(100);
    }
  });
});

describe('the DOCX edition in dev mode', () => {
  it('keeps the pages between builds, not the trees: a build that reuses a kept page fills them again', async () => {
    const mini = reportCopy('mini');
    const htmlJobs: { trees: unknown }[] = [];
    const htmlMake = htmlOutput.make;
    const spy = vi.spyOn(htmlOutput, 'make').mockImplementation((job) => {
      htmlJobs.push({ trees: job.trees });
      return htmlMake(job);
    });
    try {
      const devCache: DevCache = new Map();
      const made: { paragraphs: string[]; problems: number }[] = [];
      for (const i of [0, 1, 2]) {
        const dist = path.join(mini, `dist-${i}`);
        const result = await build(options(mini, dist, { formats: i < 2 ? ['docx'] : ['html'], devCache }));
        for (const lang of langs)
          expect(Object.keys(devCache.get(`edition|${lang}`)!.value as object).sort(), 'what dev mode keeps').toEqual([
            'fonts',
            'html',
          ]);
        if (i === 2) break;
        const read = await readDocx(readFileSync(path.join(dist, 'zh', 'mini-report-zh.docx')));
        made.push({ paragraphs: read.paragraphs.map((p) => norm(textAfter(p))), problems: result.diagnostics.length });
      }
      expect(made[0]!.paragraphs.length).toBeGreaterThan(10);
      expect(made[1], 'the second build: the page kept, the trees filled again').toEqual(made[0]);
      // (the HTML jobs of the DOCX builds carry the trees the DOCX is made from; an HTML-only build has none)
      expect(htmlJobs.map((j) => j.trees !== undefined)).toEqual([true, true, true, true, false, false]);
    } finally {
      spy.mockRestore();
      rmSync(mini, { recursive: true, force: true });
    }
  });
});
