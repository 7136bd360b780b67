/**
 * The in-page steps of footnotes.ts, each run by `page.evaluate` while the layout probe lays the page out as
 * columns (layout-probe.ts): a column is a page, a distance from the column's top a place on it (CSS px). Each
 * function is self-contained (it runs in the page); they share what they need through data attributes:
 *
 *   data-fn-chapter   a chapter whose notes are set as footnotes (its `section.notes` hidden)
 *   data-fn-todo      a note reference whose note is not placed yet; data-fn-anchor: the id of its note's item
 *   data-fn-note      a note's item in the hidden list (its id moves to its first footnote)
 *   #fn-pending       the footnote block last measured, parked in #fn-measure until it is placed or replaced
 */

/** Where a reference or a cut is: the column (0-based page) and the distance from the column's top (px). */
export interface ColumnPlace {
  column: number;
  top: number;
}

/**
 * Hide each chapter's notes (or only those of the chapters `only` names; a copy of the chapter kept for the
 * fallback and to place them again) and mark its references. Returns the chapters that cite notes.
 */
export function prepareChapters(only?: string[]): string[] {
  const win = window as unknown as { fnBackup?: Map<string, Element> };
  const backup = (win.fnBackup ??= new Map<string, Element>());
  const ids: string[] = [];
  document.querySelectorAll<HTMLElement>('section.chapter').forEach((chapter) => {
    const notes = chapter.querySelector<HTMLElement>(':scope > section.notes');
    if (!notes || !chapter.id || (only && !only.includes(chapter.id))) return;
    backup.set(chapter.id, chapter.cloneNode(true) as Element);
    chapter.dataset.fnChapter = '';
    notes.style.display = 'none';
    notes.querySelectorAll<HTMLElement>('li[id]').forEach((li) => (li.dataset.fnNote = li.id));
    chapter.querySelectorAll<HTMLAnchorElement>('a[role="doc-noteref"]').forEach((a) => {
      // (A reference that is not shown in print, in a part the print hides, has no page.)
      if (notes.contains(a) || !a.id || !a.getClientRects().length) return;
      a.dataset.fnTodo = '';
      a.dataset.fnAnchor = (a.getAttribute('href') ?? '').slice(1);
    });
    ids.push(chapter.id);
  });
  return ids;
}

/** The chapter as it was before `prepareChapters`: its notes at its end, as in the web edition. */
export function restoreChapter(id: string): void {
  const backup = (window as unknown as { fnBackup: Map<string, Element> }).fnBackup.get(id);
  document.getElementById(id)?.replaceWith(backup!);
}

/** These chapters as they were before `prepareChapters`. */
export function restoreChapters(ids: string[]): void {
  const backup = (window as unknown as { fnBackup: Map<string, Element> }).fnBackup;
  for (const id of ids) {
    if (backup.has(id)) document.getElementById(id)?.replaceWith(backup.get(id)!);
    backup.delete(id);
  }
}

/**
 * The first page (column) holding a reference whose note is not placed yet, and those references on it, in order;
 * or the page a split note continues on (footnote-split.ts), with the references on it, if any (`past`: the
 * chapter ends before that page).
 */
export function todoOnFirstPage(
  id: string,
  width: number,
): { column: number; refs: string[]; carry?: boolean; past?: boolean } | null {
  const origin = document.body.getBoundingClientRect();
  const columnOf = (r: DOMRect | undefined) => (r ? Math.floor((r.left - origin.left + 0.5) / width) : Infinity);
  const chapter = document.getElementById(id)!;
  const refs = [...chapter.querySelectorAll<HTMLElement>('[data-fn-todo]')].map((a) => ({
    id: a.id,
    column: columnOf(a.getClientRects()[0]),
  }));
  const carry = (window as unknown as { fnCarry?: { column: number } }).fnCarry;
  if (carry) {
    const shown = [...chapter.children].filter((el) => !el.matches('section.notes') && el.getClientRects().length);
    const rects = shown.flatMap((el) => [...el.getClientRects()]);
    const past = Math.max(...rects.map((r) => columnOf(r))) < carry.column;
    return {
      column: carry.column,
      refs: refs.filter((r) => r.column === carry.column).map((r) => r.id),
      carry: true,
      past,
    };
  }
  if (!refs.length) return null;
  const column = Math.min(...refs.map((r) => r.column));
  return { column, refs: refs.filter((r) => r.column === column).map((r) => r.id) };
}

/**
 * Build the footnote block for these references (each note once, in order, numbered as in the notes list), park
 * it to measure it, and return its height (px). It is parked outside the body, in a box of the text's width, so
 * that measuring it does not lay the body's pages out again.
 */
export function measureNotes(id: string, refs: string[], width: number): number {
  document.getElementById('fn-pending')?.remove();
  let box = document.getElementById('fn-measure');
  if (!box) {
    box = document.createElement('div');
    box.id = 'fn-measure';
    box.className = document.body.className;
    const body = getComputedStyle(document.body);
    Object.assign(box.style, { position: 'absolute', left: '0', top: '0', visibility: 'hidden' });
    Object.assign(box.style, { width: `${width}px`, fontFamily: body.fontFamily, fontSize: body.fontSize });
    document.documentElement.append(box);
  }
  const chapter = document.getElementById(id)!;
  const block = document.createElement('div');
  block.id = 'fn-pending';
  block.className = refs.length ? 'footnotes' : 'footnotes footnotes-none';
  block.setAttribute('role', 'note');
  const list = document.createElement('ol');
  block.append(list);
  // A note split on the page before goes first (footnote-split.ts); a split of this block is made again.
  const win = window as unknown as { fnCarry?: { item: HTMLElement }; fnCarryNext?: unknown };
  delete win.fnCarryNext;
  if (win.fnCarry) list.append(win.fnCarry.item.cloneNode(true));
  const seen = new Set<string>();
  for (const ref of refs) {
    const anchor = document.getElementById(ref)?.dataset.fnAnchor ?? '';
    const item = chapter.querySelector(`[data-fn-note="${CSS.escape(anchor)}"]`);
    if (!item || seen.has(anchor)) continue;
    seen.add(anchor);
    const copy = item.cloneNode(true) as HTMLElement;
    copy.removeAttribute('id');
    list.append(copy);
  }
  if (list.children.length) block.className = 'footnotes';
  box.append(block);
  return block.getBoundingClientRect().height;
}

/** What `cutPoint` is asked: where the body must end on a page (column) for these references' notes to fit below. */
export interface CutAsk {
  id: string;
  /** The text area (px). */
  width: number;
  height: number;
  column: number;
  /** The body's lines must end above this (px from the column's top). */
  limit: number;
  /** Or: the body must end above the line of this reference. */
  beforeRef?: string;
  /** The block starts a page of its own (the rest of a note split on the chapter's last page). */
  newPage?: boolean;
  refs: string[];
}

/**
 * Where the body must end on the page: the first block of the chapter that runs past the limit (a paragraph
 * split before its first line that does, a list before its first item that does, any other block whole). It is
 * kept in the page for `placeAtCut`; returns the references still to place that are before it, or why no cut can be made there.
 */
export function cutPoint(ask: CutAsk): { before: string[] } | { fail: string } {
  const origin = document.body.getBoundingClientRect();
  const column = (r: DOMRect) => Math.floor((r.left - origin.left + 0.5) / ask.width);
  const stop = ask.beforeRef && document.getElementById(ask.beforeRef)?.getClientRects()[0];
  const limit = stop ? stop.top - origin.top - 2 : ask.limit;
  const past = (r: DOMRect, bottom = r.bottom) =>
    column(r) > ask.column || (column(r) === ask.column && bottom - origin.top > limit);
  const startsPast = (el: Element) => past(el.getClientRects()[0]!, el.getClientRects()[0]!.top);
  const chapter = document.getElementById(ask.id)!;
  const blocks = [...chapter.children].filter(
    (el) => el.id !== 'fn-pending' && !el.matches('section.notes') && el.getClientRects().length,
  );
  const el = blocks.find((b) => [...b.getClientRects()].some((r) => past(r)));
  const index = (node: Node) => [...node.parentNode!.childNodes].indexOf(node as ChildNode);
  let cut: { node: Node; offset: number; split?: Element };
  if (!el) cut = { node: chapter, offset: index(blocks[blocks.length - 1]!) + 1 };
  else if (startsPast(el)) cut = { node: chapter, offset: index(el) };
  else if (el.tagName === 'P') {
    const lh = parseFloat(getComputedStyle(el).lineHeight) || 0;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const chars: [Node, number][] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      for (let i = 0; i < (n as Text).length; i++) chars.push([n, i]);
    const range = document.createRange();
    const pastChar = (k: number): boolean => {
      for (let j = k; j < chars.length; j++) {
        range.setStart(chars[j]![0], chars[j]![1]);
        range.setEnd(chars[j]![0], chars[j]![1] + 1);
        // (The first character of a line may also give an empty box at the end of the line before.)
        const r = [...range.getClientRects()].filter((b) => b.width > 0 && b.height > 0).pop();
        if (r) return past(r, r.top + r.height / 2 + lh / 2);
      }
      return true;
    };
    let [lo, hi] = [0, chars.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pastChar(mid)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === 0 && column(el.getClientRects()[0]!) < ask.column) return { fail: 'a paragraph from the page before' };
    if (lo === 0) cut = { node: chapter, offset: index(el) };
    else if (lo >= chars.length) cut = { node: chapter, offset: index(el) + 1 };
    else cut = { node: chars[lo]![0], offset: chars[lo]![1], split: el };
  } else if (el.tagName === 'UL' || el.tagName === 'OL') {
    const items = [...el.children];
    const item = items.find((li) => [...li.getClientRects()].some((r) => past(r)));
    const at = item ? items.indexOf(item) : -1;
    if (at <= 0 || !startsPast(item!)) return { fail: 'a list item across the page' };
    cut = { node: el, offset: index(item!), split: el };
  } else if (column(el.getClientRects()[0]!) === ask.column) cut = { node: chapter, offset: index(el) };
  else return { fail: `a ${el.tagName.toLowerCase()} across the page` };
  // A subsection's heading goes with the text it heads.
  for (let h = chapter.childNodes[cut.offset - 1]; cut.node === chapter && h; h = h.previousSibling!) {
    if (h.nodeType === Node.TEXT_NODE) continue;
    if (!/^H[3-6]$/.test(h.nodeName)) break;
    cut.offset = index(h);
  }
  (window as unknown as { fnCut: typeof cut }).fnCut = cut;
  const point = document.createRange();
  point.setStart(cut.node, cut.offset);
  const todo = [...chapter.querySelectorAll<HTMLElement>('[data-fn-todo]')];
  return { before: todo.filter((a) => point.comparePoint(a, 0) < 0).map((a) => a.id) };
}

/**
 * Put the parked footnote block at the cut `cutPoint` found (splitting the paragraph or list there), its top
 * margin set so that it ends at the foot of the page, with a page break after it. Each note's id moves to its
 * first footnote (where the references link). Returns why not, if the block is not where it must be.
 */
export function placeAtCut(ask: CutAsk): string | undefined {
  const { node, offset, split } = (window as unknown as { fnCut: { node: Node; offset: number; split?: Element } })
    .fnCut;
  const block = document.getElementById('fn-pending')!;
  block.removeAttribute('id');
  block.style.display = '';
  if (split) {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(split, split.childNodes.length);
    const rest = split.cloneNode(false) as HTMLElement;
    rest.removeAttribute('id');
    rest.removeAttribute('data-pm');
    rest.append(range.extractContents());
    split.after(rest);
    split.after(block);
    if (split instanceof HTMLOListElement)
      (rest as HTMLOListElement).start = split.start + split.querySelectorAll(':scope > li').length;
    if (split.tagName === 'P') {
      if (getComputedStyle(split).textAlign === 'justify') (split as HTMLElement).style.textAlignLast = 'justify';
      rest.style.textIndent = '0';
      const last = [...split.childNodes].reverse().find((n) => n.nodeType === Node.TEXT_NODE) as Text | undefined;
      if (last?.data.endsWith('\u00ad')) last.data = `${last.data.slice(0, -1)}-`;
    }
  } else node.insertBefore(block, node.childNodes[offset] ?? null);
  // The first footnote of a note takes its id; a later one (cited again on another page) one of its own.
  for (const item of block.querySelectorAll<HTMLElement>('li[data-fn-note]')) {
    const anchor = item.dataset.fnNote!;
    const first = document.getElementById(anchor);
    if (first?.closest('section.notes')) first.removeAttribute('id');
    item.id = first?.closest('section.notes') ? anchor : `${anchor}-p${ask.column + 1}`;
    for (const ref of ask.refs.map((id) => document.getElementById(id)))
      if (ref?.dataset.fnAnchor === anchor) ref.setAttribute('href', `#${item.id}`);
  }
  for (const id of ask.refs) document.getElementById(id)?.removeAttribute('data-fn-todo');
  // The continuation placed here is done; one split off this block waits for the next page.
  const win = window as unknown as { fnCarry?: unknown; fnCarryNext?: unknown };
  if (block.querySelector('li.fn-cont')) delete win.fnCarry;
  if (win.fnCarryNext) [win.fnCarry, win.fnCarryNext] = [win.fnCarryNext, undefined];
  block.style.breakAfter = 'page';
  block.setAttribute('data-probe-after', '');
  if (ask.newPage) [block.style.breakBefore, block.dataset.probeBefore] = ['page', ''];
  const origin = document.body.getBoundingClientRect();
  const box = () => block.getBoundingClientRect();
  if (!block.querySelector('li') && box().top - origin.top < 1) return 'a note longer than the page';
  // The text above ends at the cut (its bottom margin would push the block to the next page); the block's own
  // margin, set twice since it collapses with any margin inside the block above it, takes it to the foot.
  const above = block.previousElementSibling as HTMLElement | null;
  if (above) above.style.marginBottom = '0';
  // (Each read lays the pages out again: stop as soon as the margin holds.)
  for (let i = 0; i < 3; i++) {
    const margin = parseFloat(block.style.marginTop || '0') + ask.height - 1 - (box().bottom - origin.top);
    const next = `${Math.max(0, Math.floor(margin))}px`;
    if (next === block.style.marginTop) break;
    block.style.marginTop = next;
  }
  const r = box();
  const onPage = Math.floor((r.left - origin.left + 0.5) / ask.width) === ask.column;
  return onPage && r.bottom - origin.top <= ask.height ? undefined : 'the notes did not fit at the foot of the page';
}
