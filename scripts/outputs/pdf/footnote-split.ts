/**
 * A note too long for the room its page leaves, split as LaTeX splits it: its first lines at the foot of its
 * reference's page, the rest at the foot of the next page, before that page's own notes, marked as continued
 * (`li.fn-cont`: the print style sheet writes the theme's `noteContinued` string before it). In-page steps of
 * footnotes.ts, self-contained like those of footnote-page.ts; they share through the page:
 *
 *   window.fnCarryNext   the continuation cut off the block being settled (kept only if that block is placed)
 *   window.fnCarry       the continuation waiting for the next page: { column, item }
 */

interface CarryWindow {
  fnCarry?: { column: number; item: HTMLElement };
  fnCarryNext?: { column: number; item: HTMLElement };
  /** Where each line of the note `cutHeights` measured starts, for `splitLastNote` (nothing changes between). */
  fnLineStarts?: [Node, number][];
}

/**
 * The heights (px) the parked footnote block (#fn-pending) would have if its last note were cut after 1, 2, …
 * of its lines; empty when that note is the continuation of one already split.
 */
export function cutHeights(): number[] {
  // The line starts of the note: [node, offset] of each line's first character, and its top (in the page, self-contained).
  const lineStarts = (item: HTMLElement): { at: [Node, number]; top: number }[] => {
    const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const starts: { at: [Node, number]; top: number }[] = [];
    let top = -Infinity;
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      for (let i = 0; i < (n as Text).length; i++) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const r = [...range.getClientRects()].filter((b) => b.width > 0 && b.height > 0).pop();
        if (r && r.top > top + r.height / 2) {
          top = r.top;
          starts.push({ at: [n, i], top });
        }
      }
    return starts;
  };
  const block = document.getElementById('fn-pending');
  const item = block?.querySelector<HTMLElement>('ol > li:last-child');
  if (!block || !item || item.classList.contains('fn-cont')) return [];
  const top = block.getBoundingClientRect().top;
  const starts = lineStarts(item);
  (window as unknown as CarryWindow).fnLineStarts = starts.map((s) => s.at);
  return starts.slice(1).map((s) => s.top - top);
}

/**
 * Cut the last note of the parked footnote block after its first `lines` lines (as `cutHeights` found them, the
 * step before); the rest becomes the
 * continuation to carry to the page after `column`. Returns the block's height (px).
 */
export function splitLastNote(lines: number, column: number): number {
  const win = window as unknown as CarryWindow;
  const block = document.getElementById('fn-pending')!;
  const item = block.querySelector<HTMLElement>('ol > li:last-child')!;
  const [node, offset] = win.fnLineStarts![lines]!;
  const range = document.createRange();
  range.setStart(node, offset);
  range.setEnd(item, item.childNodes.length);
  const rest = item.cloneNode(false) as HTMLElement;
  rest.removeAttribute('id');
  rest.removeAttribute('data-fn-note');
  rest.removeAttribute('value');
  rest.className = 'fn-cont';
  rest.append(range.extractContents());
  win.fnCarryNext = { column: column + 1, item: rest };
  return block.getBoundingClientRect().height;
}

/** The top (px from the column's top) of the line of the first reference after `refs` still to place, if on `column`. */
export function nextRefTop(id: string, refs: string[], width: number, column: number): number | undefined {
  const origin = document.body.getBoundingClientRect();
  const chapter = document.getElementById(id)!;
  const next = [...chapter.querySelectorAll<HTMLElement>('[data-fn-todo]')].find((a) => !refs.includes(a.id));
  const r = next?.getClientRects()[0];
  if (!r || Math.floor((r.left - origin.left + 0.5) / width) !== column) return undefined;
  return r.top - origin.top;
}
