import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Page } from 'puppeteer-core';

/**
 * The structure types Chromium cannot give, set after printing. Chromium tags a `<figure>` as Figure (without
 * alternate text) whatever it holds — a table, a chart, a pending placeholder — and a `<figcaption>` as a plain
 * container (its mapping: printing/common/pdf_metafile_utils… RecursiveBuildStructureTree). PDF/UA wants only real
 * images as Figure, each with alternate text, and captions as Caption. A structure element cannot be told from
 * another in Chromium's output, but the language it carries can: before printing, each element to retag gets a
 * language with a private-use tag (`en-x-t7`: still English to every CSS and font rule), which Chromium writes as
 * the element's /Lang; after printing, the element with that /Lang gets its type (and alternate text), and its
 * language is put back.
 */
export interface TagMark {
  /** The structure type the element gets. */
  type: 'Div' | 'Caption' | 'Figure' | 'Span';
  /** Its own lang attribute before marking (null: it had none, and inherits). */
  lang: string | null;
  /** Alternate text (a Figure's). */
  alt?: string;
}

/** Mark the page's figures, captions and images (returns the marks, by number). */
export function markForTags(page: Page): Promise<TagMark[]> {
  return page.evaluate(() => {
    const marks: { type: 'Div' | 'Caption' | 'Figure' | 'Span'; lang: string | null; alt?: string }[] = [];
    const mark = (el: Element, type: 'Div' | 'Caption' | 'Figure' | 'Span', alt?: string) => {
      const inherited = el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'und';
      marks.push({ type, lang: el.getAttribute('lang'), alt });
      el.setAttribute('lang', `${inherited.replace(/-x-.*$/, '')}-x-t${marks.length - 1}`);
    };
    // A figure groups a caption with a chart, a table or a placeholder: a Div, never an image itself.
    for (const el of document.querySelectorAll('figure')) mark(el, 'Div');
    for (const el of document.querySelectorAll('figcaption')) mark(el, 'Caption');
    // The images: a chart (its name, which says what it shows) and any <img> (its alt).
    for (const el of document.querySelectorAll('[role="figure"], [role="img"]'))
      mark(el, 'Figure', (el.getAttribute('aria-label') ?? '').trim());
    for (const el of document.querySelectorAll('img')) mark(el, 'Figure', (el.getAttribute('alt') ?? '').trim());
    // Words in the other language (render-markdown/language-runs.ts): a Span with their Lang. Chromium writes no
    // structure element for a plain inline span; a group role (here only, in the page being printed) makes one.
    for (const el of document.querySelectorAll('main span[lang]')) {
      mark(el, 'Span');
      el.setAttribute('role', 'group');
    }
    return marks;
  });
}

const MARK = /-x-t(\d+)$/;

/** Set the types, alternate text and languages the marks ask for (returns how many elements were retagged). */
export function retag(doc: PDFDocument, marks: TagMark[]): number {
  const ctx = doc.context;
  const root = ctx.lookup(doc.catalog.get(PDFName.of('StructTreeRoot')));
  if (!(root instanceof PDFDict)) return 0;
  let count = 0;
  const visit = (node: unknown): void => {
    const el = ctx.lookup(node as never);
    if (el instanceof PDFArray) return el.asArray().forEach(visit);
    if (!(el instanceof PDFDict) || !el.has(PDFName.of('S'))) return;
    const lang = el.lookup(PDFName.of('Lang'));
    const text = lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : '';
    const m = MARK.exec(text);
    const mark = m ? marks[Number(m[1])] : undefined;
    if (mark) {
      count++;
      el.set(PDFName.of('S'), PDFName.of(mark.type));
      if (mark.lang) el.set(PDFName.of('Lang'), PDFString.of(mark.lang));
      else el.delete(PDFName.of('Lang'));
      if (mark.type === 'Figure' && mark.alt) el.set(PDFName.of('Alt'), PDFHexString.fromText(mark.alt));
      else if (mark.type !== 'Figure') el.delete(PDFName.of('Alt'));
    }
    visit(el.get(PDFName.of('K')));
  };
  visit(root.get(PDFName.of('K')));
  return count;
}
