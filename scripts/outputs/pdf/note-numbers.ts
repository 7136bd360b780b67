/**
 * report.yaml `noteNumbering: page`, in print with footnotes: each page's notes numbered from 1. Run in the page
 * (by `page.evaluate`) while the layout probe lays it out as columns (layout-probe.ts), once the footnotes are
 * placed (footnotes.ts): for each page's footnote block, its notes in order get 1, 2, … and the reference marks on
 * that page citing them the same number. The rest of a note split from the page before (`li.fn-cont`) has no
 * number and takes none. A chapter that kept its notes at its end keeps the edition's numbers, as the HTML does.
 * Returns how many pages were numbered.
 */
export function numberNotesByPage(width: number): number {
  const origin = document.body.getBoundingClientRect();
  const columnOf = (el: Element) => {
    const r = el.getClientRects()[0];
    return r ? Math.floor((r.left - origin.left + 0.5) / width) : -1;
  };
  const next: Record<number, number> = {};
  let pages = 0;
  for (const block of document.querySelectorAll<HTMLElement>('section.chapter .footnotes')) {
    const chapter = block.closest('section.chapter')!;
    const column = columnOf(block);
    if (column < 0) continue;
    if (!next[column]) pages++;
    for (const item of block.querySelectorAll<HTMLLIElement>(':scope > ol > li:not(.fn-cont)')) {
      const n = (next[column] = (next[column] ?? 0) + 1);
      item.value = n;
      const anchor = item.dataset.fnNote ?? '';
      for (const mark of chapter.querySelectorAll<HTMLElement>(`a[role="doc-noteref"][href="#${CSS.escape(anchor)}"]`))
        if (columnOf(mark) === column) mark.textContent = String(n);
    }
  }
  return pages;
}
