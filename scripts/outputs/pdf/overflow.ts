import type { Page } from 'puppeteer-core';
import type { BuildContext } from '../../context.js';
import type { Heading, Usage } from '../../model/edition.js';

/** The smallest a wide table's type is set to fit the page, as a share of its own size. */
export const MIN_TABLE_SCALE = 0.7;

/** A table that still runs off the page once fitted: its figure's table id (if it has one) and the heading before it. */
export interface Overflow {
  table?: string;
  heading?: string;
  columns: number;
  width: number;
  room: number;
}

/**
 * Runs while the layout probe lays the page out as pages (layout-probe.ts: the body is as wide as the page's text
 * area): each table wider than the room it has is set in smaller type, a step at a time down to `floor` of its
 * own, and its cells may wrap inside words (and numbers) where the type is smallest; a table that still does not
 * fit would be cut at the page's edge in print (Chromium prints no horizontal overflow), and is returned. The
 * styles set stay for the print. (Lists are kept to MAX_LIST_DEPTH levels before they are rendered.)
 */
function fitInPage(floor: number): Overflow[] {
  const out: Overflow[] = [];
  const over = (el: Element) => el.scrollWidth > (el.parentElement?.clientWidth ?? el.scrollWidth) + 1;
  const headingBefore = (el: Element): string | undefined => {
    const all = [...document.querySelectorAll('h2[id], h3[id], h4[id]')];
    const before = all.filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    return before[before.length - 1]?.id;
  };
  for (const table of document.querySelectorAll<HTMLTableElement>('main table, article table')) {
    if (!over(table)) continue;
    const size = parseFloat(getComputedStyle(table).fontSize);
    for (let scale = 0.95; over(table) && scale >= floor - 1e-9; scale -= 0.05)
      table.style.fontSize = `${(size * scale).toFixed(2)}px`;
    if (over(table))
      for (const cell of table.querySelectorAll<HTMLElement>('th, td')) cell.style.overflowWrap = 'anywhere';
    if (!over(table)) continue;
    const figure = table.closest('[data-table]');
    out.push({
      table: figure?.getAttribute('data-table') ?? undefined,
      heading: headingBefore(table),
      columns: table.rows[0]?.cells.length ?? 0,
      width: Math.round(table.scrollWidth),
      room: Math.round(table.parentElement?.clientWidth ?? 0),
    });
  }
  return out;
}

/** Fit what is too wide for the page (see fitInPage); the rest is reported where the chapter places it. */
export async function fitToPage(
  ctx: BuildContext,
  page: Page,
  input: { lang: string; placed?: Usage[]; headings?: Heading[] },
): Promise<void> {
  const overflows = await page.evaluate(fitInPage, MIN_TABLE_SCALE);
  for (const o of overflows) {
    const placed = o.table ? input.placed?.find((u) => u.kind === 'table' && u.id === o.table) : undefined;
    const heading = input.headings?.find((h) => h.id === o.heading);
    const place =
      placed ??
      (heading ? { file: heading.file, line: heading.line, column: 1 } : { file: `dist/${input.lang}/index.html` });
    const which = o.table ? `"${o.table}"` : heading ? `under "${heading.text}"` : '';
    const scale = Math.round(MIN_TABLE_SCALE * 100);
    const what = `Table ${which} (${o.columns} columns) is ${o.width} px wide at ${scale}% type, the page ${o.room} px`;
    ctx.diagnostics.report('content-too-wide', place, [what]);
  }
}
