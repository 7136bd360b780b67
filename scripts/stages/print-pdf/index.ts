import { pathToFileURL } from 'node:url';
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import type { BuildContext, Lang } from '../../context.js';
import type { EditionMeta } from '../../model/config.js';
import { guardPage } from '../../browser/request-guard.js';
import type { BuildPage } from '../../browser/page-pool.js';
import { htmlLang } from '../../locale/languages.js';

export interface PdfInput {
  lang: Lang;
  /** The edition's index.html, already written with its assets. */
  htmlPath: string;
  meta: EditionMeta;
  /** PDF creation date: the report's date or SOURCE_DATE_EPOCH, never the build clock. */
  date: Date;
  allowedDirs: string[];
  /** Expected TOC page numbers (the last build's), tried first. */
  guess?: Record<string, number>;
  /** Closes the page (so a print in progress fails at once) when aborted. */
  signal?: AbortSignal;
}

export interface PdfOutput {
  bytes: Uint8Array;
  pages: number;
  /** heading id → page number (1-based), as printed in the table of contents. */
  tocPages: Record<string, number>;
  /** How many times the edition was printed (1 when the expected page numbers were right). */
  passes: number;
}

/**
 * Stage 7: the edition's HTML → a print-grade PDF.
 *   fill the TOC with the page numbers we expect (the last build's, if any)
 *   → print → read where each TOC link lands → if any number was wrong, write
 *   the real ones and print again → set metadata (pdf-lib, same parse).
 */
export async function printPdf(ctx: BuildContext, input: PdfInput, buildPage?: BuildPage): Promise<PdfOutput> {
  const page = buildPage?.page ?? (await (await ctx.browser()).newPage());
  const stop = () => void page.close().catch(() => undefined);
  input.signal?.addEventListener('abort', stop, { once: true });
  try {
    input.signal?.throwIfAborted();
    const guard = buildPage?.guard ?? (await guardPage(page, input.allowedDirs, ctx.browserTimeoutMs));
    guard.allow(input.allowedDirs);
    await page.goto(pathToFileURL(input.htmlPath).href, { waitUntil: 'load' });
    await page.emulateMediaType('print');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    for (const url of guard.blocked) ctx.diagnostics.report('remote-resource', { file: `dist/${input.lang}/index.html` }, [url]);
    let pages: Record<string, number> = input.guess ?? {};
    for (let attempt = 0; ; attempt++) {
      await page.evaluate((map: Record<string, number>) => {
        document.querySelectorAll<HTMLElement>('.toc-page').forEach((el) => {
          el.textContent = String(map[el.dataset.target ?? ''] ?? '');
        });
      }, pages);
      const bytes = await page.pdf({ printBackground: true, preferCSSPageSize: true, outline: true, tagged: true, displayHeaderFooter: false, timeout: 0 }); // bounded by the browser's protocol timeout (--browser-timeout)
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      const found = destinationPages(doc);
      if (JSON.stringify(found) === JSON.stringify(pages) || attempt === 3) {
        setMetadata(doc, input);
        return { bytes: await doc.save({ useObjectStreams: false }), pages: doc.getPageCount(), tocPages: found, passes: attempt + 1 };
      }
      pages = found;
    }
  } finally {
    input.signal?.removeEventListener('abort', stop);
    if (!buildPage && !page.isClosed()) await page.close();
  }
}

/** Where each internal link of the first pages (the TOC) points: target id → page number. */
function destinationPages(doc: PDFDocument): Record<string, number> {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const pageOf = (dest: unknown): number | undefined => {
    const arr = dest instanceof PDFArray ? dest : undefined;
    const ref = arr?.get(0);
    const i = ref instanceof PDFRef ? pageRefs.findIndex((r) => r === ref || (r.objectNumber === ref.objectNumber && r.generationNumber === ref.generationNumber)) : -1;
    return i >= 0 ? i + 1 : undefined;
  };
  const named = new Map<string, unknown>();
  const catalog = doc.catalog;
  const dests = catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [k, v] of dests.entries()) named.set(decodeName(k.asString()), doc.context.lookup(v));
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (names) walkNameTree(doc, names, named);
  const result: Record<string, number> = {};
  for (const p of doc.getPages()) {
    const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookup(i, PDFDict);
      let dest: unknown = a.get(PDFName.of('Dest'));
      const action = a.lookupMaybe(PDFName.of('A'), PDFDict);
      if (!dest && action) dest = action.get(PDFName.of('D'));
      if (dest instanceof PDFRef) dest = doc.context.lookup(dest);
      let key: string | undefined;
      if (dest instanceof PDFName) key = decodeName(dest.asString());
      else if (dest instanceof PDFString || dest instanceof PDFHexString) key = dest.decodeText();
      if (key === undefined) continue;
      const target = pageOf(named.get(key) instanceof PDFDict ? (named.get(key) as PDFDict).get(PDFName.of('D')) : named.get(key));
      if (target !== undefined && !(key in result)) result[key] = target;
    }
  }
  return result;
}

function decodeName(s: string): string {
  return decodeURIComponent(s.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, '%$1'));
}

function walkNameTree(doc: PDFDocument, node: PDFDict, out: Map<string, unknown>): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (names) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const k = names.lookup(i);
      const key = k instanceof PDFString || k instanceof PDFHexString ? k.decodeText() : String(k);
      out.set(key, doc.context.lookup(names.get(i + 1)));
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) for (let i = 0; i < kids.size(); i++) walkNameTree(doc, kids.lookup(i, PDFDict), out);
}

function setMetadata(doc: PDFDocument, input: PdfInput): void {
  const m = input.meta;
  doc.setTitle(m.title, { showInWindowTitleBar: true });
  doc.setAuthor(`${m.authorGroup} (${m.authors.join(input.lang === 'zh' ? '、' : ', ')})`);
  doc.setSubject(m.subject);
  doc.setKeywords(m.keywords);
  doc.setCreator(m.institution);
  doc.setProducer('bilingual-report (Chromium, pdf-lib)');
  doc.setCreationDate(input.date);
  doc.setModificationDate(input.date);
  doc.setLanguage(htmlLang[input.lang]);
}

export function pdfFileName(configId: string, lang: Lang): string {
  return `${configId}-${lang}.pdf`;
}

