import type { Page } from 'puppeteer-core';
import type { Place } from './destinations.js';

/**
 * Figures and tables placed the way LaTeX places floats, so that no page is left half empty.
 *
 * A figure or table may not break across pages (`break-inside: avoid`; a table's caption stays with its first
 * rows). When it does not fit in what is left of a page, Chromium moves it to the next page and leaves the rest
 * of the page blank. Chromium does not tell a script where its pages break, but the PDF does: every element a
 * link points to gets a named destination with its page and position. So before printing, each block of a
 * chapter (heading, paragraph, list, figure, table, notes) gets an empty marker at the start of its first line
 * and at the end of its last, and a hidden link to each. After a print:
 *
 *   - a figure that starts a page while the block before it ended on the page before leaves a gap there:
 *     the text area's height (or, with footnotes, where the page's notes begin) − where that block's last line ends;
 *   - when the gap is more than a tenth of the page, the figure (with any figures right after it: figures keep
 *     their order) is moved after the paragraphs and lists that follow it — never past another figure, the
 *     chapter's notes or a section heading (h2, h3; a subsection's h4 it may pass, as LaTeX floats pass
 *     \subsubsection), so it stays in its section, a page at most from where the text placed it —
 *     as few of them as fill the gap with two lines to spare, so that the last runs on to the next page and the
 *     figure comes right after it; a run of figures that ends its section (h3) with a gap before it and no text
 *     after it may pass the next section's heading, once (as LaTeX floats pass \subsection): the heading and
 *     the text under it come up, and a figure that has passed a heading is not moved again;
 *   - and the edition is printed again. Each pass moves at most one figure per chapter (chapters start on a new
 *     page, so they do not affect one another), the first one with a gap, since moving it changes everything after.
 *
 * Widows and orphans are the print stylesheet's (`orphans: 2; widows: 2`). The markers are empty inline
 * elements and change no line; their destinations are removed from the PDF at the end.
 */

export const MARKER_PREFIX = 'pm-';
/** Floats stay in their section: they may pass the headings of its subsections (h4 and below), as LaTeX's pass \subsubsection. */
const ends = (b: Block): boolean => b.kind === 'notes' || (b.kind === 'heading' && (b.level ?? 2) < 4);
/** A gap smaller than this share of the text area is left alone (a figure moved for it would travel for little). */
const MIN_GAP = 0.1;

export interface Block {
  n: number;
  chapter: string;
  kind: 'heading' | 'float' | 'text' | 'notes';
  /** A heading's level (2 = chapter). */
  level?: number;
  /** The figure's or table's id (floats only). */
  id?: string;
  /** The first characters of its text: how a move is recognised in the next build. */
  key: string;
  /** Line height (pt) of the line its end marker is on. */
  endLine: number;
}

/** A figure or table moved after another block, by id and by the start of that block's text. */
export type FloatMove = [floatId: string, afterKey: string];

/** Mark the blocks of each chapter; returns them in document order. */
export async function markBlocks(page: Page): Promise<Block[]> {
  // tsx names the functions it compiles with a helper the page does not have.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate((prefix: string) => {
    const links = document.createElement('div');
    links.hidden = true;
    document.body.append(links);
    const shown = (node: ChildNode): boolean =>
      node.nodeType === Node.TEXT_NODE
        ? (node.textContent ?? '').trim() !== ''
        : node.nodeType === Node.ELEMENT_NODE && getComputedStyle(node as Element).display !== 'none';
    // The element whose first (or last) line holds the block's first (or last) text.
    const host = (el: Element, last: boolean): Element => {
      for (;;) {
        const kids = [...el.childNodes].filter(shown);
        const edge = last ? kids[kids.length - 1] : kids[0];
        if (
          !edge ||
          edge.nodeType !== Node.ELEMENT_NODE ||
          getComputedStyle(edge as Element).display.startsWith('inline')
        )
          return el;
        el = edge as Element;
      }
    };
    const marker = (id: string): HTMLSpanElement => {
      const span = document.createElement('span');
      span.id = id;
      const a = document.createElement('a');
      a.href = `#${id}`;
      links.append(a);
      return span;
    };
    const blocks: Block[] = [];
    document.querySelectorAll<HTMLElement>('section.chapter').forEach((section) => {
      for (const el of [...section.children] as HTMLElement[]) {
        if (!el.getClientRects().length) continue;
        const n = blocks.length;
        el.dataset.pm = String(n);
        host(el, false).prepend(marker(`${prefix}s${n}`));
        const end = host(el, true);
        end.append(marker(`${prefix}e${n}`));
        const style = getComputedStyle(end);
        const line = style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight);
        const tag = el.tagName.toLowerCase();
        blocks.push({
          n,
          chapter: section.id,
          kind: /^h[1-6]$/.test(tag)
            ? 'heading'
            : tag === 'figure'
              ? 'float'
              : el.getAttribute('role') === 'doc-endnotes'
                ? 'notes'
                : 'text',
          id: tag === 'figure' ? el.id : undefined,
          level: /^h[1-6]$/.test(tag) ? Number(tag[1]) : undefined,
          key: (el.textContent ?? '')
            .replace(/\u00ad/g, '')
            .replace(/\s+/g, ' ')
            .trim()
            .slice(0, 60),
          endLine: line * 0.75,
        });
      }
    });
    return blocks;
  }, MARKER_PREFIX);
}

/** The blocks' current order (numbers), after moves. */
export function blockOrder(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section.chapter > [data-pm]')].map((el) => Number(el.dataset.pm)),
  );
}

/** Move each float (by block number) after another block. */
export function moveBlocks(page: Page, moves: [number, number][]): Promise<void> {
  return page.evaluate((list: [number, number][]) => {
    for (const [what, after] of list) {
      const el = document.querySelector(`[data-pm="${what}"]`);
      document.querySelector(`[data-pm="${after}"]`)?.after(el!);
    }
  }, moves);
}

/** The moves a previous build made, where their blocks are still there: by float id and target text, within one section. */
export function guessedMoves(blocks: Block[], guess: FloatMove[] | undefined): [number, number][] {
  const out: [number, number][] = [];
  // (A figure may have passed one section heading: see planFloats.)
  const bound = (b: Block | undefined, chapter: string) =>
    !b || b.chapter !== chapter || b.kind === 'notes' || (b.kind === 'heading' && (b.level ?? 2) < 3);
  for (const [id, key] of guess ?? []) {
    const i = blocks.findIndex((b) => b.kind === 'float' && b.id === id);
    if (i < 0) continue;
    let from = i;
    while (!bound(blocks[from - 1], blocks[i]!.chapter)) from--;
    let to = i;
    while (!bound(blocks[to + 1], blocks[i]!.chapter)) to++;
    const target = blocks.slice(from, to + 1).find((b) => b.n !== blocks[i]!.n && b.key === key);
    if (target) out.push([blocks[i]!.n, target.n]);
  }
  // All or nothing, and only if the figures keep their order.
  const order = blocks.map((b) => b.n);
  for (const [what, after] of out) {
    order.splice(order.indexOf(what), 1);
    order.splice(order.indexOf(after) + 1, 0, what);
  }
  const floats = (ns: number[]) => ns.filter((n) => blocks[n]!.kind === 'float').join();
  return floats(order) === floats(blocks.map((b) => b.n)) ? out : [];
}

/**
 * From one print: the floats to move before the next (at most one per chapter), as [float, after] block numbers.
 * `order` is the blocks' current order; `places` the markers' named destinations.
 */
export function planFloats(
  blocks: Block[],
  order: number[],
  places: Map<string, Place>,
  feet: Map<number, number> = new Map(),
): [number, number][] {
  const raw = (side: 's' | 'e', n: number) => places.get(`${MARKER_PREFIX}${side}${n}`);
  // The text area's height: the lowest marker. Chromium places a marker that sits exactly on a page boundary
  // at the foot of the page before; such a marker, and any within 2 pt of the foot, belongs to the next page's top.
  const height = Math.max(...[...places.values()].map((p) => p.top));
  const at = (side: 's' | 'e', n: number): Place | undefined => {
    const p = raw(side, n);
    return p && p.top > height - 2 ? { page: p.page + 1, top: 0 } : p;
  };
  // Where the body of a page must end: above its footnotes, if it has any.
  const foot = (page: number) => Math.min(height, feet.get(page) ?? height);
  const byN = new Map(blocks.map((b) => [b.n, b]));
  const seq = order.map((n) => byN.get(n)!);
  const moves: [number, number][] = [];
  const done = new Set<string>();
  // A figure that has passed a subsection's heading stays where it is: figures do not drift further.
  const [home, now] = [sections(blocks), sections(seq)];
  for (let i = 1; i < seq.length; i++) {
    const float = seq[i]!;
    const before = seq[i - 1]!;
    if (
      float.kind !== 'float' ||
      home.get(float.n) !== now.get(float.n) ||
      before.chapter !== float.chapter ||
      before.kind === 'heading' ||
      done.has(float.chapter)
    )
      continue;
    const start = at('s', float.n);
    const end = at('e', before.n);
    if (!start || !end || start.page <= end.page) continue;
    const gap = foot(end.page) - (end.top + before.endLine);
    if (gap < MIN_GAP * height) continue;
    // Floats keep their order: the figures right after this one go with it. The text after them in the
    // section moves up, as few blocks of it as fill the gap with two lines to spare.
    let g = i;
    while (seq[g + 1]?.kind === 'float' && seq[g + 1]!.chapter === float.chapter) g++;
    let target: Block | undefined;
    const first = seq[g + 1] && at('s', seq[g + 1]!.n);
    for (let j = g + 1; first && j < seq.length; j++) {
      const b = seq[j]!;
      // A figure at its subsection's end, with no text after it there, may pass the next subsection's heading
      // (h3), as LaTeX floats pass \\subsection; never a chapter's end.
      const passes = !target && b.kind === 'heading' && b.level === 3;
      if (b.chapter !== float.chapter || b.kind === 'float' || (ends(b) && !passes)) break;
      if (b.kind === 'heading') continue;
      const last = at('e', b.n);
      if (!last) break;
      target = b;
      const filled = (last.page - first.page) * height + last.top + b.endLine - first.top;
      if (filled >= gap + 2 * b.endLine) break;
    }
    if (!target) continue;
    moves.push([float.n, target.n]);
    for (let k = i + 1; k <= g; k++) moves.push([seq[k]!.n, seq[k - 1]!.n]);
    done.add(float.chapter);
  }
  return moves;
}

/** Each block's section, in this order: how many chapter and section headings (h2, h3) come before it. */
function sections(order: Block[]): Map<number, number> {
  let count = 0;
  return new Map(order.map((b) => [b.n, b.kind === 'heading' && (b.level ?? 2) < 4 ? ++count : count]));
}
