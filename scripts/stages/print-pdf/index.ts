import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { BuildContext, Lang } from '../../context.js';
import type { Heading } from '../../model/edition.js';
import type { EditionMeta } from '../../model/config.js';
import { guardPage } from '../../browser/request-guard.js';
import type { BuildPage } from '../../browser/page-pool.js';
import { htmlLang } from '../../locale/languages.js';
import { destinationPages, dropNamedDestinations, namedPlaces } from './destinations.js';
import { blockOrder, guessedMoves, markBlocks, moveBlocks, planFloats, MARKER_PREFIX, type Block, type FloatMove } from './floats.js';
import { printedHeadings, retitleOutline } from './outline.js';
import { dropSoftHyphens } from './soft-hyphens.js';

/** At most this many prints of one edition: figures are moved in the first ones, the TOC's page numbers settled after. */
const MAX_PRINTS = 6;
const MAX_FLOAT_PRINTS = 4;

export interface PdfInput {
  lang: Lang;
  /** The edition's index.html, already written with its assets. */
  htmlPath: string;
  meta: EditionMeta;
  /** PDF creation date: the report's date or SOURCE_DATE_EPOCH, never the build clock. */
  date: Date;
  allowedDirs: string[];
  /** The last build's TOC page numbers and figure moves, tried first. */
  guess?: { tocPages: Record<string, number>; floats?: FloatMove[] };
  /** Closes the page (so a print in progress fails at once) when aborted. */
  signal?: AbortSignal;
  /** The edition's headings (where a TOC entry that would not settle is reported). */
  headings?: Heading[];
}

export interface PdfOutput {
  bytes: Uint8Array;
  pages: number;
  /** heading id → page number (1-based), as printed in the table of contents. */
  tocPages: Record<string, number>;
  /** How many times the edition was printed (1 when the expected page numbers and figure places were right). */
  passes: number;
  /** The figures and tables moved to fill a page (floats.ts), for the next build's first guess. */
  floats: FloatMove[];
}

/**
 * Stage 7: the edition's HTML → a print-grade PDF.
 *   mark the chapters' blocks, move figures where the last build moved them (floats.ts)
 *   → fill the TOC with the page numbers we expect (the last build's, if any)
 *   → print → read where each TOC link lands and where each block is → if a figure left a gap, move it and
 *   print again; if any TOC number was wrong, write the real ones and print again
 *   → bookmarks titled as the headings (outline.ts), metadata (pdf-lib, same parse).
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
    const blocks = await markBlocks(page);
    const moved = guessedMoves(blocks, input.guess?.floats);
    await moveBlocks(page, moved);
    const headings = await printedHeadings(page);
    let pages: Record<string, number> = input.guess?.tocPages ?? {};
    for (let attempt = 0; ; attempt++) {
      await page.evaluate((map: Record<string, number>) => {
        document.querySelectorAll<HTMLElement>('.toc-page').forEach((el) => {
          el.textContent = String(map[el.dataset.target ?? ''] ?? '');
        });
      }, pages);
      const bytes = await page.pdf({ printBackground: true, preferCSSPageSize: true, outline: true, tagged: true, displayHeaderFooter: false, timeout: 0 }); // bounded by the browser's protocol timeout (--browser-timeout)
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      const found = destinationPages(doc);
      const last = attempt === MAX_PRINTS - 1;
      const moves = attempt >= MAX_FLOAT_PRINTS - 1 ? [] : planFloats(blocks, await blockOrder(page), namedPlaces(doc, MARKER_PREFIX));
      if (moves.length) {
        await moveBlocks(page, moves);
        moved.push(...moves);
      } else if (JSON.stringify(found) === JSON.stringify(pages) || last) {
        if (last) reportUnsettled(ctx, input, pages, found);
        retitleOutline(doc, headings);
        dropNamedDestinations(doc, MARKER_PREFIX);
        dropSoftHyphens(doc);
        setMetadata(doc, input);
        return { bytes: await doc.save({ useObjectStreams: false }), pages: doc.getPageCount(), tocPages: found, passes: attempt + 1, floats: floatMoves(blocks, moved) };
      }
      pages = found;
    }
  } finally {
    input.signal?.removeEventListener('abort', stop);
    if (!buildPage && !page.isClosed()) await page.close();
  }
}

/** Each moved float's last move, by id and the text of the block it follows. */
function floatMoves(blocks: Block[], moves: [number, number][]): FloatMove[] {
  const last = new Map(moves);
  return [...last].map(([what, after]) => [blocks[what]!.id!, blocks[after]!.key]);
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

/** The TOC as printed (`pages`) against where its entries landed (`found`): any that differ are named in a warning. */
function reportUnsettled(ctx: BuildContext, input: PdfInput, pages: Record<string, number>, found: Record<string, number>): void {
  const moved = [...new Set([...Object.keys(pages), ...Object.keys(found)])].filter((id) => pages[id] !== found[id]);
  if (!moved.length) return;
  const first = input.headings?.find((h) => moved.includes(h.id));
  const what = moved.map((id) => `${id} (printed as page ${pages[id] ?? 'none'}, is on page ${found[id] ?? 'none'})`).join(', ');
  ctx.diagnostics.report('toc-pages', first ? { file: first.file, line: first.line, column: 1 } : { file: 'templates/layout.hbs', line: 1, column: 1 }, [input.lang === 'zh' ? 'Chinese' : 'English', String(MAX_PRINTS), what]);
}
