import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { BuildContext, Lang } from '../../context.js';
import type { Heading, Usage } from '../../model/edition.js';
import type { EditionMeta } from '../../model/config.js';
import type { Guard } from '../../browser/request-guard.js';
import { onPage, type BuildPage } from '../../browser/page-pool.js';
import { destinationPages, namedPlaces } from './destinations.js';
import {
  blockOrder,
  guessedMoves,
  markBlocks,
  moveBlocks,
  planFloats,
  MARKER_PREFIX,
  type Block,
  type FloatMove,
} from './floats.js';
import { endProbe, pageArea, probePlaces, startProbe } from './layout-probe.js';
import { fitToPage } from './overflow.js';
import { printedHeadings } from './outline.js';
import { markForTags, type TagMark } from './tags.js';
import { finishPdf } from './publish.js';
import { footnoteTops, placeNotes, removeFootnotes } from './footnotes.js';
import { gatherEndnotes } from './endnotes.js';
import { numberNotesByPage } from './note-numbers.js';
import { fillToc, sameToc, tocDiff, tocTargets } from './toc-pages.js';

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
  /** Where the site is published (report.yaml), for the PDF's links to the site's files. */
  baseUrl?: string;
  /** Where the chapters place each table (one too wide for the page is reported there). */
  placed?: Usage[];
  /** report.yaml `notes:` (footnotes.ts; endnotes.ts, under `endnotesTitle`) and `noteNumbering:` (note-numbers.ts). */
  notes?: 'footnotes' | 'sections' | 'endnotes';
  noteNumbering?: 'edition' | 'page';
  endnotesTitle?: string;
}

export interface PdfOutput {
  bytes: Uint8Array;
  pages: number;
  /** heading id → page number (1-based), as printed in the table of contents. */
  tocPages: Record<string, number>;
  /** How many times the edition was printed (1 when the probed or expected page numbers and figure places were right). */
  passes: number;
  /** How many times its layout was probed before printing (layout-probe.ts). */
  probes: number;
  /** The figures and tables moved to fill a page (floats.ts), for the next build's first guess. */
  floats: FloatMove[];
}

/**
 * The edition's staged HTML → a print-grade PDF.
 *   mark the chapters' blocks, move figures where the last build moved them (floats.ts)
 *   → fill the TOC with the page numbers we expect (the last build's, if any)
 *   → probe the layout as pages (layout-probe.ts): where each TOC target and each block falls → if a figure left a
 *   gap, move it and probe again; if any TOC number was wrong, write the real ones and probe again
 *   → print once → read where each TOC link lands and where each block is → if the probe was wrong (a figure
 *   left a gap, a TOC number is wrong), fix it as the probe would have and print again (logged)
 *   → bookmarks titled as the headings (outline.ts), metadata (pdf-lib, same parse).
 */
export function printPdf(ctx: BuildContext, input: PdfInput, buildPage?: BuildPage): Promise<PdfOutput> {
  const label = `print-pdf          ${input.lang}`;
  return onPage(ctx, { page: buildPage, allowedDirs: input.allowedDirs, signal: input.signal, label }, (p) =>
    printOn(ctx, input, p),
  );
}

/** One print of the edition on `buildPage`, closed (so that a call in progress fails at once) when the build stops. */
async function printOn(ctx: BuildContext, input: PdfInput, { page, guard }: BuildPage): Promise<PdfOutput> {
  const stop = () => void page.close().catch(() => undefined);
  input.signal?.addEventListener('abort', stop, { once: true });
  try {
    input.signal?.throwIfAborted();
    await loadEdition(ctx, input, page, guard);
    return await printSettled(ctx, input, page, await readLayout(page, input));
  } finally {
    input.signal?.removeEventListener('abort', stop);
  }
}

/** The edition loaded for print, fonts ready; what it tried to load from outside is reported. */
async function loadEdition(ctx: BuildContext, input: PdfInput, page: Page, guard: Guard): Promise<void> {
  guard.allow(input.allowedDirs);
  await page.goto(pathToFileURL(input.htmlPath).href, { waitUntil: 'load' });
  await page.emulateMediaType('print');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  for (const url of guard.blocked)
    ctx.diagnostics.report(
      url.startsWith('file:') ? 'file-url' : 'remote-resource',
      { file: `dist/${input.lang}/index.html` },
      [url],
    );
}

/** What the passes work with: the page's blocks (figures moved where the last build moved them), headings, TOC targets. */
interface Layout {
  blocks: Block[];
  /** Every move made so far, in order. */
  moved: [number, number][];
  headings: Awaited<ReturnType<typeof printedHeadings>>;
  toc: string[];
  /** The names of the markers at each block's start and end (where the probe and the print say it falls). */
  markers: string[];
  area: Awaited<ReturnType<typeof pageArea>>;
  /** Elements whose structure type is set after printing (tags.ts). */
  tags: TagMark[];
}

async function readLayout(page: Page, input: PdfInput): Promise<Layout> {
  if (input.notes === 'endnotes') await gatherEndnotes(page, input.endnotesTitle ?? 'Notes');
  const blocks = await markBlocks(page);
  const moved = guessedMoves(blocks, input.guess?.floats);
  await moveBlocks(page, moved);
  const headings = await printedHeadings(page);
  const toc = await tocTargets(page);
  const markers = blocks.flatMap((b) => [`${MARKER_PREFIX}s${b.n}`, `${MARKER_PREFIX}e${b.n}`]);
  const area = await pageArea(page, (href) => readSheet(href, input.allowedDirs));
  const tags = await markForTags(page);
  return { blocks, moved, headings, toc, markers, area, tags };
}

/**
 * Each pass is a probe of the layout (layout-probe.ts) while the probe can tell, and a print once it says the
 * pages hold; a print that shows otherwise is followed by more prints, as without the probe.
 */
async function printSettled(ctx: BuildContext, input: PdfInput, page: Page, layout: Layout): Promise<PdfOutput> {
  const { blocks, moved, toc, markers, area } = layout;
  let probing = !('unknown' in area);
  let whyNot = 'unknown' in area ? `no layout probe: ${area.unknown}` : '';
  let [prints, probes] = [0, 0];
  let pages: Record<string, number> = input.guess?.tocPages ?? {};
  // Footnotes are placed at each probe before the figures are planned (taken out when a figure moves); after the
  // print nothing moves them.
  let footnotes: 'none' | 'to place' | 'placed' = input.notes === 'footnotes' ? 'to place' : 'none';
  // Footnotes change where pages end: a few more probes for the figures to settle with them.
  const extra = footnotes === 'none' ? 0 : 8;
  // Why a chapter kept its notes at its end, by chapter (logged once the pages are settled).
  const notesLog: Record<string, string> = {};
  // The chapters whose footnotes were taken out (all when none was placed yet).
  let again: string[] | undefined;
  if (footnotes === 'to place' && !probing)
    ctx.log(
      `print-pdf          ${input.lang}: notes at the chapters' ends: footnotes need the layout probe (${whyNot})`,
    );
  for (let attempt = 0; ; attempt++) {
    await fillToc(page, pages);
    // After the print, a figure is not moved under placed footnotes; while probing, the footnotes are taken out first.
    // With footnotes, figures may move at any probe but the last (each move places a chapter's footnotes again).
    const floatsAllowed =
      footnotes === 'none' ? attempt < MAX_FLOAT_PRINTS - 1 : probing && probes < MAX_PRINTS + extra - 1;
    if (probing && !('unknown' in area)) {
      if (probes++ === 0) await startProbe(page, area).then(() => fitToPage(ctx, page, input));
      const places = await probePlaces(page, area, [...toc, ...markers]);
      const found = Object.fromEntries(toc.filter((id) => places.has(id)).map((id) => [id, places.get(id)!.page]));
      const feet = footnotes === 'placed' ? await footnoteTops(page, area) : undefined;
      const moves = floatsAllowed ? planFloats(blocks, await blockOrder(page), places, feet) : [];
      if (moves.length) {
        // Only the chapters a figure moves in have their footnotes taken out and placed again.
        const chapters = [...new Set(moves.map(([n]) => blocks[n]!.chapter))];
        const out = footnotes === 'placed' ? chapters : chapters.filter((id) => again && !again.includes(id));
        if (footnotes === 'placed') [footnotes, again] = ['to place', []];
        again?.push(...out);
        await removeFootnotes(page, out);
        await moveBlocks(page, moves);
        moved.push(...moves);
      }
      // Footnotes are placed once the figures have settled without them (the TOC settles after); the planner then
      // sees where each page's text ends above them, and a figure it moves takes its chapter's out to place again.
      const placing = !moves.length && footnotes === 'to place';
      if (placing) footnotes = await placeNotes(page, area, again, notesLog);
      if (placing || moves.length || !sameToc(toc, pages, found)) {
        pages = found;
        if (probes < MAX_PRINTS + extra) continue;
        whyNot = `the layout probe did not settle in ${MAX_PRINTS + extra} passes`;
        if (footnotes === 'to place') footnotes = await placeNotes(page, area, again, notesLog);
        await fillToc(page, pages);
      }
      probing = false;
      if (footnotes === 'placed' && input.noteNumbering === 'page') await page.evaluate(numberNotesByPage, area.width);
      await endProbe(page);
      for (const line of Object.values(notesLog)) ctx.log(`print-pdf          ${input.lang}: ${line}`);
    }
    prints++;
    const bytes = await page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      outline: true,
      tagged: true,
      displayHeaderFooter: false,
      // Puppeteer's wait for the fonts and the print, each bounded (0 left the first without end), as is the call.
      timeout: ctx.browserTimeoutMs,
    });
    // pdf-lib yields to the event loop every 100 objects by default: a tagged report has tens of thousands.
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    const found = destinationPages(doc);
    const last = prints === MAX_PRINTS;
    const moves = floatsAllowed ? planFloats(blocks, await blockOrder(page), namedPlaces(doc, MARKER_PREFIX)) : [];
    if (moves.length) {
      await moveBlocks(page, moves);
      moved.push(...moves);
    } else if (sameToc(toc, pages, found) || last) {
      if (last) reportUnsettled(ctx, input, toc, pages, found);
      const finished = await finishPdf(ctx, doc, input, layout);
      return { ...finished, tocPages: found, passes: prints, probes };
    }
    if (prints === 1) {
      const held = moves.length ? `${moves.length} figure(s) to move` : `TOC: ${tocDiff(toc, pages, found)}`;
      whyNot ||= probes ? `the layout probe's guess did not hold (${held})` : '';
      if (whyNot) ctx.log(`print-pdf          ${input.lang}: ${whyNot}; printing again`);
    }
    pages = found;
  }
}

/** A style sheet the page links to, if it is a file inside the folders the page may load from. */
function readSheet(href: string, allowedDirs: string[]): string | undefined {
  if (!href.startsWith('file:')) return undefined;
  const file = fileURLToPath(href);
  if (!allowedDirs.some((dir) => !path.relative(dir, file).startsWith('..'))) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The TOC as printed (`pages`) against where its entries landed (`found`): any that differ are named in a warning. */
function reportUnsettled(
  ctx: BuildContext,
  input: PdfInput,
  toc: string[],
  pages: Record<string, number>,
  found: Record<string, number>,
): void {
  const moved = toc.filter((id) => pages[id] !== found[id]);
  if (!moved.length) return;
  const first = input.headings?.find((h) => moved.includes(h.id));
  const what = moved
    .map((id) => `${id} (printed as page ${pages[id] ?? 'none'}, is on page ${found[id] ?? 'none'})`)
    .join(', ');
  ctx.diagnostics.report(
    'toc-pages',
    first ? { file: first.file, line: first.line, column: 1 } : { file: 'templates/layout.hbs', line: 1, column: 1 },
    [input.lang === 'zh' ? 'Chinese' : 'English', String(MAX_PRINTS), what],
  );
}
