import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';

/**
 * A table as the edition prints it (its partial's HTML), as CSV: one record
 * per row, header rows first. A cell that spans rows is repeated in each of
 * them (every record says which group it is in); one that spans columns fills
 * the first and leaves the others empty, as a merged cell in a spreadsheet.
 * Lines within a cell (list items, line breaks) are joined with "; ".
 * RFC 4180: fields with a comma, quote or line break are quoted.
 */
export function tableCsv(tableHtml: string): string {
  const tree = fromHtml(tableHtml, { fragment: true });
  const rows = elements(tree).filter((e) => e.tagName === 'tr');
  const grid: string[][] = [];
  const pending: (undefined | { text: string; left: number })[] = [];
  rows.forEach((tr, r) => {
    const out: string[] = (grid[r] = []);
    let col = 0;
    const fill = () => {
      while (pending[col]?.left) {
        out[col] = pending[col]!.text;
        pending[col]!.left -= 1;
        col += 1;
      }
    };
    for (const cell of tr.children.filter(
      (c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'),
    )) {
      fill();
      const text = cellText(cell);
      const rowspan = Math.max(1, Number(cell.properties.rowSpan ?? 1));
      const colspan = Math.max(1, Number(cell.properties.colSpan ?? 1));
      for (let k = 0; k < colspan; k++) {
        out[col] = k === 0 ? text : '';
        if (rowspan > 1) pending[col] = { text: out[col]!, left: rowspan - 1 };
        col += 1;
      }
    }
    fill();
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => field(r[i] ?? '')).join(',')).join('\r\n') + '\r\n';
}

function elements(node: Root | Element): Element[] {
  return (node.children as RootContent[]).flatMap((c) => (c.type === 'element' ? [c, ...elements(c)] : []));
}

function cellText(cell: Element): string {
  return lines(cell)
    .split(BREAK)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('; ');
}

/** Marks a break between lines of a cell (no text has it). */
const BREAK = '\u2028';

/** The text of a node, with a BREAK for each <br> and around each list item. */
function lines(node: Element): string {
  return node.children
    .map((c) =>
      c.type === 'text'
        ? c.value
        : c.type !== 'element'
          ? ''
          : c.tagName === 'br'
            ? BREAK
            : c.tagName === 'li'
              ? `${BREAK}${lines(c)}${BREAK}`
              : lines(c),
    )
    .join('');
}

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
