type Vega = typeof import('vega');
import type { TextMeasure } from '../../fonts/text-measure.js';
import { LEGEND_COLUMNS } from './narrow-spec.js';

/** What Vega hands a text measurer: a text mark's item. */
interface TextItem {
  font?: string;
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  fontStyle?: string | null;
  limit?: number;
  ellipsis?: string;
  dir?: string;
}

type WidthFn = (item: TextItem, text: unknown) => number;

/**
 * A compiled Vega spec → SVG, in Node, with text measured as Chromium
 * measures it with the bundled fonts (fonts/text-measure.ts): the same SVG
 * that Vega draws in a page that loaded those fonts. A narrow chart's legend
 * is given the most columns (LEGEND_COLUMNS) with which the whole chart stays
 * within `fitWidth`. Charts take turns on the measurer: Vega's measurer is
 * one slot in its module, set here for each chart.
 *
 * A spec Vega cannot draw gives the first line of its error instead.
 */
export function svgInNode(
  measure: TextMeasure,
  spec: unknown,
  fitWidth: number | undefined,
): Promise<{ svg: string; marks: number; error?: undefined } | { error: string }> {
  return measure.inTurn(async () => {
    // Loaded only when a chart is not in the cache (about a second of start-up).
    const vega = await import('vega');
    // A width that needed a font file not decoded yet was estimated: decode it and lay the chart out again.
    for (;;) {
      let drawn: { svg: string; marks: number };
      try {
        drawn = await layOut(vega, measure, spec, fitWidth);
      } catch (e) {
        return { error: String((e as Error)?.message ?? e).split('\n')[0]! };
      }
      if (!(await measure.loadMissing())) return drawn;
    }
  });
}

async function layOut(
  vega: Vega,
  measure: TextMeasure,
  spec: unknown,
  fitWidth: number | undefined,
): Promise<{ svg: string; marks: number }> {
  const mode = { drawing: false };
  // vega-scenegraph's text measurer (re-exported by vega; its types do not list it).
  (vega as unknown as { textMetrics: { width: WidthFn } }).textMetrics.width = measurer(measure, mode);
  const view = new vega.View(vega.parse(spec as Parameters<Vega['parse']>[0]), {
    renderer: 'none',
    logLevel: vega.None,
  });
  try {
    await view.runAsync();
    if (fitWidth) {
      // What the chart's padding leaves of the width it is laid out for, and what it now takes.
      const padding = view.padding() as { left: number; right: number };
      const wanted = fitWidth - Number(padding.left) - Number(padding.right);
      let columns = Number(view.signal(LEGEND_COLUMNS)) || 1;
      for (let tries = 0; tries < 12; tries++) {
        const b = (view.scenegraph() as unknown as { root: { bounds: { x1: number; x2: number } } }).root.bounds;
        if (columns <= 1 || b.x2 - b.x1 <= wanted + 0.5) break;
        columns -= 1;
        view.signal(LEGEND_COLUMNS, columns);
        // The legend's height changed: lay the chart out again within its size.
        view.resize();
        await view.runAsync();
      }
    }
    mode.drawing = true;
    return { svg: await view.toSVG(), marks: dataMarks(view.scenegraph() as unknown as { root: Scene }) };
  } finally {
    view.finalize();
  }
}

/** A scenegraph item or mark, as far as dataMarks reads it. */
interface Scene {
  marktype?: string;
  role?: string;
  items?: Scene[];
}

/** How many items the chart's own marks drew (not axes, legends, titles, nor the groups holding them). */
function dataMarks({ root }: { root: Scene }): number {
  let n = 0;
  const walk = (mark: Scene): void => {
    for (const item of mark.items ?? []) {
      if (mark.role === 'mark' && mark.marktype !== 'group') n++;
      for (const child of (item.items ?? []) as Scene[]) walk(child);
    }
  };
  walk(root);
  return n;
}

/**
 * Vega's canvas measurer (vega-scenegraph src/util/text.js, measureWidth)
 * with the bundled fonts: while a chart is laid out, a text is trimmed and cut
 * to its limit with an ellipsis before it is measured; while it is drawn,
 * Vega cuts texts itself and asks for the width of each piece as given.
 */
function measurer(measure: TextMeasure, mode: { drawing: boolean }): WidthFn {
  return (item, value) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const font = {
      families: String(item.font || 'sans-serif').replace(/"/g, "'"),
      weight: item.fontWeight,
      style: item.fontStyle,
    };
    const width = (t: string) => measure.width(font, size, t);
    if (mode.drawing) return width(String(value ?? ''));
    let text = value == null ? '' : String(value).trim();
    if (size <= 0 || !text) return 0;
    if (Number(item.limit) > 0) text = truncate(item, text, width);
    return width(text);
  };
}

/** A text cut to the item's limit, as Vega cuts it (vega-scenegraph src/util/text.js, truncate). */
function truncate(item: TextItem, text: string, width: (t: string) => number): string {
  let limit = Number(item.limit);
  if (width(text) < limit) return text;
  const ellipsis = item.ellipsis || '\u2026';
  let lo = 0;
  let hi = text.length;
  limit -= width(ellipsis);
  if (item.dir === 'rtl') {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (width(text.slice(mid)) > limit) lo = mid + 1;
      else hi = mid;
    }
    return ellipsis + text.slice(lo);
  }
  while (lo < hi) {
    const mid = 1 + ((lo + hi) >>> 1);
    if (width(text.slice(0, mid)) < limit) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + ellipsis;
}
