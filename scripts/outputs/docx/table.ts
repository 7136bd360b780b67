import { Paragraph, Table, TableCell, TableRow, WidthType, type ParagraphChild } from 'docx';
import type { Element, ElementContent } from 'hast';
import { runs } from './inline.js';
import type { BlockContext } from './blocks.js';

/** The A4 page's text width in twips (210 mm less two 25 mm margins), which tables span. */
const textWidth = 9072;

const isElement = (n: ElementContent): n is Element => n.type === 'element';
const rowsOf = (el: Element | undefined): Element[] =>
  (el?.children ?? []).filter((c): c is Element => isElement(c) && c.tagName === 'tr');

/**
 * A page table → a real Word table: the rows of its `<thead>` are header rows Word repeats on each page
 * the table runs onto; cells keep their column and row spans; header cells are bold. In Word's "Table Text" style.
 */
export function table(el: Element, bc: BlockContext): Table {
  const part = (tag: string) => el.children.find((c): c is Element => isElement(c) && c.tagName === tag);
  const head = rowsOf(part('thead'));
  const body = [...rowsOf(part('tbody')), ...rowsOf(el)];
  const row = (tr: Element, header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: tr.children.filter(isElement).map((cell) => tableCell(cell, bc)),
    });
  const first = [...head, ...body][0];
  const columns = (first?.children ?? [])
    .filter(isElement)
    .reduce((n, c) => n + (Number(c.properties.colSpan) || 1), 0);
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => Math.floor(textWidth / Math.max(1, columns))),
    rows: [...head.map((tr) => row(tr, true)), ...body.map((tr) => row(tr, false))],
  });
}

function tableCell(cell: Element, bc: BlockContext): TableCell {
  const span = (name: string) => Number(cell.properties[name] ?? 1) || 1;
  const header = cell.tagName === 'th';
  const children: ParagraphChild[] = runs(cell.children, bc, header ? { bold: true } : {});
  return new TableCell({
    columnSpan: span('colSpan'),
    rowSpan: span('rowSpan'),
    children: [new Paragraph({ style: 'TableText', children })],
  });
}
