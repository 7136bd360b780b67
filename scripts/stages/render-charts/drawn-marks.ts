/**
 * What a chart drew, read from its Vega scenegraph once it is laid out: each data mark (not an axis, legend,
 * title, nor the groups holding them) with its Vega mark type and the rows its items were drawn from, after the
 * chart's own transforms (a filter's dropped rows are not there).
 */
export interface DrawnMark {
  /** Vega's mark type: rect, line, area, symbol, arc, text, rule… */
  type: string;
  rows: Record<string, unknown>[];
}

/** A scenegraph item or mark, as far as this module reads it. */
export interface Scene {
  marktype?: string;
  role?: string;
  datum?: unknown;
  items?: Scene[];
}

/** The chart's data marks, in drawing order (a series drawn in a group of its own is a mark of its own). */
export function drawnMarks({ root }: { root: Scene }): DrawnMark[] {
  const out: DrawnMark[] = [];
  const walk = (mark: Scene): void => {
    const items = mark.items ?? [];
    if (mark.role === 'mark' && mark.marktype !== 'group' && items.length)
      out.push({ type: String(mark.marktype), rows: items.map((i) => i.datum).filter(isRow) });
    for (const item of items) for (const child of item.items ?? []) walk(child);
  };
  walk(root);
  return out;
}

const isRow = (d: unknown): d is Record<string, unknown> => !!d && typeof d === 'object';
