import type { Page } from 'puppeteer-core';
import {
  cutPoint,
  measureNotes,
  placeAtCut,
  prepareChapters,
  restoreChapter,
  restoreChapters,
  todoOnFirstPage,
  type CutAsk,
} from './footnote-page.js';
import { cutHeights, nextRefTop, splitLastNote } from './footnote-split.js';

/**
 * Notes at the foot of the page that cites them (report.yaml `notes: footnotes`), in print only: Chromium has no
 * `float: footnote`, so the page being printed is changed (its HTML file is not) while the layout probe lays it
 * out as pages (layout-probe.ts). Chapter by chapter, page by page:
 *
 *   the first page with a reference whose note is not placed → the notes of its references, in a block under a
 *   short rule, measured → the body must end above that block: the first block that runs past that line is
 *   cut there (a paragraph between two lines, the first part's last line justified and the second without
 *   indent; a list between two items; any other block moved whole) → a reference that falls below the cut goes
 *   to the next page with its note, and the block is measured again without it → the block is put at the cut,
 *   its top margin taking it to the page's foot, with a page break after it → the next page.
 *
 * Each step re-reads the layout, so the pages settle as they are made. A chapter where a cut cannot be made (a
 * table or figure across the page, a list item across it, a note longer than a page) keeps its notes at its end,
 * as in the web edition, with one log line. When the notes would push references off their page, the last note
 * is split (footnote-split.ts): its first lines at this page's foot, the rest, marked as continued, first at the
 * next page's foot; if even that does not keep the references, the first that does not fit goes to the next
 * page with its note.
 */

/** The rule above the footnotes and the room kept between it and the last line of text (px). */
const GAP = 4;
/** Rounds of measuring a page's notes and cutting before a page gives up (each drops references below the cut). */
const MAX_TRIES = 4;
/** The lines of a split note kept on its reference's page, at least (LaTeX's footnotes split no shorter). */
const SPLIT_LINES = 2;

export interface FootnoteResult {
  /** Pages given footnotes. */
  pages: number;
  /** Chapters that kept their notes at their end: chapter id → why (a log line). */
  fellBack: Record<string, string>;
}

/**
 * Set every chapter's notes (or those of the chapters `only` names) as footnotes, while the page is laid out by
 * the probe of `area`.
 */
export async function placeFootnotes(
  page: Page,
  area: { width: number; height: number },
  only?: string[],
): Promise<FootnoteResult> {
  const result: FootnoteResult = { pages: 0, fellBack: {} };
  for (const id of await page.evaluate(prepareChapters, only)) {
    const why = await chapterFootnotes(page, id, area, result);
    if (!why) continue;
    await page.evaluate(restoreChapter, id);
    result.fellBack[id] = `the notes of chapter "${id}" stay at its end: ${why}`;
  }
  await page.evaluate(() => document.getElementById('fn-measure')?.remove());
  return result;
}

/** Place the footnotes of these chapters (all when undefined), noting in `log` why a chapter kept its notes at its end. */
export async function placeNotes(
  page: Page,
  area: { width: number; height: number },
  chapters: string[] | undefined,
  log: Record<string, string>,
): Promise<'placed'> {
  const placed = await placeFootnotes(page, area, chapters);
  for (const id of chapters ?? Object.keys(log)) delete log[id];
  Object.assign(log, placed.fellBack);
  return 'placed';
}

/** These chapters as they were before `placeFootnotes` (so that a figure can be moved), their footnotes to place again. */
export async function removeFootnotes(page: Page, chapters: string[]): Promise<void> {
  await page.evaluate(restoreChapters, chapters);
}

/** One chapter's footnotes, page by page; returns why they could not be placed, if they could not. */
async function chapterFootnotes(
  page: Page,
  id: string,
  area: { width: number; height: number },
  result: FootnoteResult,
): Promise<string | undefined> {
  let last = '';
  for (;;) {
    const next = await page.evaluate(todoOnFirstPage, id, area.width);
    if (!next) return undefined;
    // A note split on the chapter's last page: its rest at the foot of a page of its own.
    const ask = next.past
      ? await endPage(page, { id, ...area, column: next.column, limit: area.height, refs: [], newPage: true })
      : await settleCut(page, { id, ...area, column: next.column, limit: 0, refs: next.refs });
    if (typeof ask === 'string') return ask;
    // A page whose first reference had to go on: the same reference first on the same page again is a loop.
    const key = `${next.column}:${next.refs[0]}`;
    if (!ask.refs.length && !next.carry && key === last) return 'a note that does not fit below its reference';
    last = key;
    const why = await page.evaluate(placeAtCut, ask);
    if (why) return why;
    if (ask.refs.length) result.pages++;
  }
}

/**
 * The references whose notes fit on the page with the text above them, and where the text must end: measured
 * and cut again until the references above the cut are the ones measured. When they do not settle, or none of
 * them fits, the text ends above the first reference that did not fit (it goes to the next page with its note).
 */
async function settleCut(page: Page, ask: CutAsk): Promise<CutAsk | string> {
  for (let i = 0; ; i++) {
    const height = await page.evaluate(measureNotes, ask.id, ask.refs, ask.width);
    const limit = ask.height - height - GAP;
    const cut = await page.evaluate(cutPoint, { ...ask, limit });
    if ('fail' in cut) return cut.fail;
    if (same(cut.before, ask.refs)) return { ...ask, limit };
    // The notes push some of their references off the page: the last note is split instead, if that keeps them.
    const split = cut.before.length < ask.refs.length ? await splitCut(page, ask) : undefined;
    if (split) return split;
    const extra = cut.before.find((r) => !ask.refs.includes(r));
    if (i < MAX_TRIES - 1 && cut.before.length) {
      ask = { ...ask, refs: cut.before };
      continue;
    }
    const refs = extra ? ask.refs : [];
    await page.evaluate(measureNotes, ask.id, refs, ask.width);
    const before = await page.evaluate(cutPoint, { ...ask, refs, beforeRef: extra ?? ask.refs[0] });
    if ('fail' in before) return before.fail;
    return same(before.before, refs) ? { ...ask, refs } : 'the notes of a page did not settle';
  }
}

/** While probing: the top (pt from the text area's top) of the footnotes placed on each page (1-based) that has some. */
export async function footnoteTops(page: Page, area: { width: number }): Promise<Map<number, number>> {
  const list = await page.evaluate((width: number) => {
    const origin = document.body.getBoundingClientRect();
    return [...document.querySelectorAll('section.chapter .footnotes')].flatMap((block): [number, number][] => {
      const r = block.getClientRects()[0];
      return r ? [[Math.floor((r.left - origin.left + 0.5) / width) + 1, (r.top - origin.top) * 0.75]] : [];
    });
  }, area.width);
  return new Map(list);
}

/**
 * The page's first references kept on it, as many as can be, the last one's note split (footnote-split.ts): the
 * body runs on to the next reference's line (or to the page's foot, less two lines of the note), and the note's
 * lines that fit below it stay, the rest goes on to the next page. Undefined when no split keeps a reference.
 */
async function splitCut(page: Page, ask: CutAsk): Promise<CutAsk | undefined> {
  for (let k = ask.refs.length; k > 0; k--) {
    const refs = ask.refs.slice(0, k);
    const full = await page.evaluate(measureNotes, ask.id, refs, ask.width);
    const heights = await page.evaluate(cutHeights);
    const next = await page.evaluate(nextRefTop, ask.id, refs, ask.width, ask.column);
    const two = heights[SPLIT_LINES - 1] ?? full;
    const limit = Math.min(next ?? Infinity, ask.height - GAP - two) - 1;
    const room = ask.height - GAP - limit;
    // (A last note that fits whole, the body ending above the next reference, needs no split.)
    if (full > room) {
      const lines = heights.filter((h) => h <= room).length;
      if (lines < SPLIT_LINES) continue;
      await page.evaluate(splitLastNote, lines, ask.column);
    }
    const cut = await page.evaluate(cutPoint, { ...ask, refs, limit });
    if (!('fail' in cut) && same(cut.before, refs)) return { ...ask, refs, limit };
  }
  return undefined;
}

/** The block of a continued note alone, after the chapter's end (`placeAtCut` starts a page with it). */
async function endPage(page: Page, ask: CutAsk): Promise<CutAsk | string> {
  await page.evaluate(measureNotes, ask.id, [], ask.width);
  const cut = await page.evaluate(cutPoint, ask);
  return 'fail' in cut ? cut.fail : ask;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
