type Vega = typeof import('vega');
import type { TextMeasure } from '../../fonts/text-measure.js';
import { isUnsafeLink } from '../../sources/link-schemes.js';
import { LEGEND_COLUMNS } from './narrow-spec.js';
import { LABEL_ANGLES, X_LABEL_ANGLE } from './axis-labels.js';
import { drawnMarks, type DrawnMark, type Scene } from './drawn-marks.js';

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

/** A chart drawn: its SVG, the labels it had to drop, how many items its data marks drew, and those marks. */
interface Drawn {
  svg: string;
  dropped: string[];
  marks: number;
  drawn: DrawnMark[];
}

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
): Promise<(Drawn & { error?: undefined }) | { error: string }> {
  return measure.inTurn(async () => {
    // Loaded only when a chart is not in the cache (about a second of start-up).
    const vega = await import('vega');
    // A width that needed a font file not decoded yet was estimated: decode it and lay the chart out again.
    for (;;) {
      let drawn: Drawn;
      try {
        drawn = await layOut(vega, measure, spec, fitWidth);
      } catch (e) {
        return { error: String((e as Error)?.message ?? e).split('\n')[0]! };
      }
      if (!(await measure.loadMissing())) return drawn;
    }
  });
}

async function layOut(vega: Vega, measure: TextMeasure, spec: unknown, fitWidth: number | undefined): Promise<Drawn> {
  const mode = { drawing: false };
  // vega-scenegraph's text measurer (re-exported by vega; its types do not list it).
  (vega as unknown as { textMetrics: { width: WidthFn } }).textMetrics.width = measurer(measure, mode);
  const view = new vega.View(vega.parse(spec as Parameters<Vega['parse']>[0]), {
    renderer: 'none',
    logLevel: vega.None,
    loader: linkGuard(vega),
  });
  try {
    await view.runAsync();
    if (fitWidth) await fitToWidth(view, fitWidth);
    else if (hasSignal(view, LEGEND_COLUMNS)) await fitToPlot(view);
    const dropped = await keepLabels(view);
    mode.drawing = true;
    const drawn = drawnMarks(view.scenegraph() as unknown as { root: Scene });
    const marks = drawn.reduce((n, m) => n + m.rows.length, 0);
    return { svg: await view.toSVG(), dropped, marks, drawn };
  } finally {
    view.finalize();
  }
}

type View = InstanceType<Vega['View']>;
type Bounds = { x1: number; x2: number };
type SceneMark = { role?: string; items?: (SceneItem | undefined)[] };
type SceneItem = { bounds: Bounds; items?: SceneMark[] };

function hasSignal(view: View, name: string): boolean {
  try {
    view.signal(name);
    return true;
  } catch {
    return false;
  }
}

/** Set the legends' columns and lay the chart out again (the legend's height changed). */
async function setColumns(view: View, columns: number): Promise<void> {
  view.signal(LEGEND_COLUMNS, columns);
  view.resize();
  await view.runAsync();
}

/** The narrow layout: the most legend columns with which the whole chart stays within `fitWidth`. */
async function fitToWidth(view: View, fitWidth: number): Promise<void> {
  // What the chart's padding leaves of the width it is laid out for, and what it now takes.
  const padding = view.padding() as { left: number; right: number };
  const wanted = fitWidth - Number(padding.left) - Number(padding.right);
  let columns = Number(view.signal(LEGEND_COLUMNS)) || 1;
  for (let tries = 0; tries < 12; tries++) {
    const b = (view.scenegraph() as unknown as { root: { bounds: Bounds } }).root.bounds;
    if (columns <= 1 || b.x2 - b.x1 <= wanted + 0.5) break;
    columns -= 1;
    await setColumns(view, columns);
  }
}

/** The right edge of the chart's legends, from the plot's left (undefined without a legend). */
function legendRight(view: View): number | undefined {
  const root = (view.scenegraph() as unknown as { root: SceneMark }).root;
  let right: number | undefined;
  const visit = (mark: SceneMark): void => {
    for (const item of mark.items ?? []) {
      if (!item) continue;
      if (mark.role === 'legend') right = Math.max(right ?? -Infinity, item.bounds.x2);
      else item.items?.forEach(visit);
    }
  };
  visit(root);
  return right;
}

type LabelItem = { datum?: { value?: unknown }; opacity?: number };

/**
 * The categories of the chart's band or point scales (x, y) whose axis label Vega removed as overlapping
 * (an axis that shows no labels at all is left alone).
 */
function droppedLabels(view: View): string[] {
  const labels: LabelItem[] = [];
  const visit = (mark: SceneMark): void => {
    for (const item of mark.items ?? []) {
      if (!item) continue;
      if (mark.role === 'axis-label') labels.push(item as LabelItem);
      else item.items?.forEach(visit);
    }
  };
  visit((view.scenegraph() as unknown as { root: SceneMark }).root);
  const dropped: string[] = [];
  for (const name of ['x', 'y']) {
    let scale: { type?: string; domain: () => unknown[] } | undefined;
    try {
      scale = view.scale(name) as typeof scale;
    } catch {
      continue;
    }
    if (!scale || !['band', 'point'].includes(String(scale.type))) continue;
    const domain = scale.domain();
    const own = labels.filter((l) => domain.includes(l.datum?.value));
    if (!own.length) continue;
    const shown = new Set(own.filter((l) => l.opacity !== 0).map((l) => l.datum?.value));
    dropped.push(...domain.filter((d) => !shown.has(d)).map(String));
  }
  return dropped;
}

/** Turn the x labels (LABEL_ANGLES) until no category loses its label; the categories that still do. */
async function keepLabels(view: View): Promise<string[]> {
  let dropped = droppedLabels(view);
  if (!dropped.length || !hasSignal(view, X_LABEL_ANGLE)) return dropped;
  for (const angle of LABEL_ANGLES.slice(1)) {
    view.signal(X_LABEL_ANGLE, angle);
    view.resize();
    await view.runAsync();
    dropped = droppedLabels(view);
    if (!dropped.length) break;
  }
  return dropped;
}

/** Most columns tried for a print legend that does not fit on one row. */
const PRINT_COLUMNS = 12;

/**
 * The print layout: its legends on one row (LEGEND_COLUMNS 0) while they end within the plot's width, else
 * in the most columns with which they do. A legend wider than the chart made the whole chart wider, and the
 * page scaled it down to fit: eleven entries on one row set its text at 6 px.
 */
async function fitToPlot(view: View): Promise<void> {
  const width = Number(view.width());
  let right = legendRight(view);
  if (right === undefined || right <= width + 0.5) return;
  for (let columns = PRINT_COLUMNS; columns >= 1; columns--) {
    await setColumns(view, columns);
    right = legendRight(view)!;
    if (right <= width + 0.5) return;
  }
}

/**
 * Vega's loader, with links checked as the report checks them (sources/link-schemes.ts): a mark's href that
 * no spec check could see (computed by an expression) and that would run script is left out, its mark drawn
 * without a link. (Vega's own loader refuses `javascript:` by failing, which its SVG writer does not expect:
 * the build stopped with "Cannot read properties of null (reading 'href')".)
 */
function linkGuard(vega: Vega): ReturnType<Vega['loader']> {
  const loader = vega.loader();
  const sanitize = loader.sanitize.bind(loader);
  loader.sanitize = (uri, options) =>
    typeof uri === 'string' && !isUnsafeLink(uri) ? sanitize(uri, options) : Promise.resolve({ href: null as never });
  return loader;
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
