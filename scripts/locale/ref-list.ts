import { NO_BREAK_SPACE, unbroken } from './no-break.js';

/** The words a cross-reference prints (theme/strings/<lang>.yaml). */
export interface RefWords {
  figure: string;
  figures: string;
  table: string;
  tables: string;
  numberSpace: string;
  listSeparator: string;
  listAnd: string;
}

/** A figure or table referred to: its id and its number in the edition ('??' when it has none). */
export interface RefItem {
  id: string;
  n: number | string;
}

/**
 * The pieces of `{{ref}}` with one id or several, in the order written: each number (with its label when it has
 * one) carrying the id it names, and the words between. Figures only or tables only, where the language has a
 * plural label, share it: "Figures 2, 3 and 5". Where it has none (Chinese: `figures` is `figure`), and when
 * figures and tables are mixed, each number has its own: "图 2、图 3 和图 5", "Figure 2 and Table 1".
 */
export function refPieces(items: readonly RefItem[], w: RefWords): { text: string; id?: string }[] {
  const isFigure = (id: string) => id.startsWith('fig:');
  const figures = items.every((i) => isFigure(i.id));
  const tables = items.every((i) => !isFigure(i.id));
  const plural = figures ? w.figures : tables ? w.tables : undefined;
  const shared = items.length > 1 && plural !== undefined && plural !== (figures ? w.figure : w.table);
  const out: { text: string; id?: string }[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push({ text: i === items.length - 1 ? w.listAnd : w.listSeparator });
    const label = shared ? (i === 0 ? plural : '') : isFigure(item.id) ? w.figure : w.table;
    out.push({ id: item.id, text: label ? `${label}${w.numberSpace}${item.n}` : String(item.n) });
  });
  return out;
}

/**
 * What `{{ref}}` prints: its pieces, each label kept on one line with its number and each number after the
 * first with the word before it ("Figures 2 and 3": no line starts with a bare "3").
 */
export function refText(items: readonly RefItem[], w: RefWords): string {
  return refPieces(items, w)
    .map((p) => (p.id ? unbroken(p.text) : p.text.replace(/ $/, NO_BREAK_SPACE)))
    .join('');
}
