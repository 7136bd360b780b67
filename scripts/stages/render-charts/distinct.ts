import type { Lang } from '../../context.js';
import type { Dataset } from '../../model/data.js';
import { labelOrder } from './domains.js';
import { DASHES, SHAPES } from './marker-shapes.js';

/*
 * Series a reader can tell apart by more than colour (WCAG 2.2 1.4.1 and 1.4.11; issue #32). The theme's palette
 * (theme/chart-theme.json, `range.category`) gives one colour to each category, in turn.
 *
 * A chart whose series are all lines or points (no bars or areas on the same colours) gives each series a second
 * cue as soon as it has two: a point shape (marker-shapes.ts) — a line gets a point at each of its data points,
 * in its colour, and a scatter's points their shape —, the same in print, in the phone layout and in the legend
 * (the legend shows each series' shape in its colour). A shape is read where lines cross, on a line a few data
 * points long, and in a legend entry, where a dash pattern shows one or two of its periods at most. A line the
 * author drew without points (`"point": false`), or too long for a marker at each point (`MAX_MARKERS`), gets a
 * dash pattern instead.
 *
 * Past the palette's end the colours come round again and two series share one: the lines of a chart of lines
 * only are then dashed too (the first `palette` solid, the next `palette` with the second dash, …), its points
 * take the next shape. A chart that mixes bars or areas with lines keeps colour alone up to the palette's end —
 * the kind of mark tells its line from its bars — and gets only that second channel past it. A chart with more
 * categories than that, or than colours for a mark with no second channel (bars, areas), is reported.
 */

/** More data points than this in a line (the dataset's rows over its series), and it is dashed, not marked. */
const MAX_MARKERS = 40;

/**
 * Marks that a second channel can tell apart: lines and trails by dash (a line also by shape), points by shape —
 * Vega-Lite's `circle` and `square` too, points of a fixed shape, which become filled points to take one.
 */
const cued = ['line', 'trail', 'point', 'circle', 'square'];
const points = ['point', 'circle', 'square'];

/** A `circle` or `square` mark as the filled point it is, so that a shape channel applies to it. */
function asPoint(use: ColourUse): void {
  if (use.mark === 'point') return;
  const markDef = typeof use.node.mark === 'object' ? (use.node.mark as Record<string, unknown>) : {};
  use.node.mark = { filled: true, ...markDef, type: 'point' };
}

/** Channels that give a category its colour. */
const colours = ['color', 'fill', 'stroke'];

/** A colour channel with more categories than the chart can tell apart: where it is in the spec, and by how much. */
export interface Crowded {
  path: (string | number)[];
  field: string;
  count: number;
  capacity: number;
}

type Def = {
  field?: unknown;
  type?: unknown;
  sort?: unknown;
  title?: unknown;
  legend?: unknown;
  scale?: { domain?: unknown };
};

/** A view with a mark and a category colour: its node in the spec, where, its own and inherited encoding. */
interface ColourUse {
  node: Record<string, unknown>;
  at: (string | number)[];
  own: Record<string, unknown>;
  encoding: Record<string, unknown>;
  mark: string;
  channel: string;
  def: Def;
}

/** The values of a field in the order the colour scale gives them out (labels in the order of their codes). */
function categories(ds: Dataset, def: Def, lang: Lang): string[] | undefined {
  const field = String(def.field);
  if (Array.isArray(def.scale?.domain)) return def.scale.domain.map(String);
  const col = Object.keys(ds.meta.labels ?? {}).find((c) => field === `${c}_label`);
  if (col) return labelOrder(ds, col, lang);
  if (!ds.columns.includes(field)) return undefined; // made by a transform: not counted
  return [...new Set(ds.rows.map((r) => String(r.values[field] ?? '')))];
}

/** Every view of a spec that colours its mark by categories (not by a number or a date). */
function colourUses(spec: Record<string, unknown>): ColourUse[] {
  const uses: ColourUse[] = [];
  const walk = (node: unknown, inherited: Record<string, unknown>, at: (string | number)[]): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, inherited, [...at, i]));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const own = (o.encoding ?? {}) as Record<string, unknown>;
    const encoding = { ...inherited, ...own };
    const mark = typeof o.mark === 'object' ? (o.mark as { type?: unknown })?.type : o.mark;
    const channel = mark ? colours.find((ch) => (encoding[ch] as Def | undefined)?.field !== undefined) : undefined;
    const def = channel ? (encoding[channel] as Def) : undefined;
    if (def && def.type !== 'quantitative' && def.type !== 'temporal')
      uses.push({ node: o, at, own, encoding, mark: String(mark), channel: channel!, def });
    for (const [k, v] of Object.entries(o)) if (k !== 'encoding' && k !== 'config') walk(v, encoding, [...at, k]);
  };
  walk(spec, {}, []);
  return uses;
}

/** A channel on the colour's field that gives its `i`th category `value(i)`: in the colour's order, legend and title. */
function onColourField(def: Def, count: number, value: (i: number) => unknown): Record<string, unknown> {
  const same = Object.fromEntries(
    (['title', 'legend', 'sort'] as const).filter((k) => def[k] !== undefined).map((k) => [k, def[k]]),
  );
  const domain = Array.isArray(def.scale?.domain) ? { domain: def.scale.domain } : {};
  return {
    field: def.field,
    type: 'nominal',
    ...same,
    scale: { ...domain, range: Array.from({ length: count }, (_, i) => value(i)) },
  };
}

/** The `i`th category's dash, past the palette's end: solid for the first round of colours, then each in turn. */
const dashPastPalette = (palette: number) => (i: number) =>
  DASHES[Math.min(Math.floor(i / palette), DASHES.length - 1)];

/** The channels that tell a chart of lines and points apart, series by series (changes the mark of a line). */
function cues(use: ColourUse, count: number, palette: number, rows: number): Record<string, unknown> {
  const markDef = typeof use.node.mark === 'object' ? (use.node.mark as Record<string, unknown>) : {};
  const { def } = use;
  if (points.includes(use.mark)) {
    asPoint(use);
    return { shape: onColourField(def, count, (i) => SHAPES[(i + Math.floor(i / palette)) % SHAPES.length]) };
  }
  if (use.mark === 'trail' || markDef.point === false || rows / count > MAX_MARKERS)
    return { strokeDash: onColourField(def, count, (i) => DASHES[i % DASHES.length]) };
  // a line: a point at each data point, shaped by series (a point the author styled keeps the style)
  use.node.mark = { ...markDef, type: 'line', point: markDef.point ?? true };
  return {
    shape: onColourField(def, count, (i) => SHAPES[i % SHAPES.length]),
    ...(count > palette ? { strokeDash: onColourField(def, count, dashPastPalette(palette)) } : {}),
  };
}

/** Past the palette's end, in a chart that mixes marks: lines dashed, points shaped, the first round as they were. */
function pastPalette(use: ColourUse, count: number, palette: number): Record<string, unknown> {
  if (points.includes(use.mark)) {
    if (!('shape' in use.encoding)) asPoint(use);
    return {
      shape: onColourField(use.def, count, (i) => SHAPES[Math.min(Math.floor(i / palette), SHAPES.length - 1)]),
    };
  }
  return { strokeDash: onColourField(use.def, count, dashPastPalette(palette)) };
}

/**
 * The spec with a second channel on its lines and points, as the comment at the top says, and the colour
 * channels that still have more categories than can be told apart. Changes `spec`.
 */
export function tellApart(spec: Record<string, unknown>, ds: Dataset, lang: Lang, palette: number): Crowded[] {
  const crowded: Crowded[] = [];
  const uses = colourUses(spec);
  const linesOnly = uses.every((u) => cued.includes(u.mark));
  for (const use of uses) {
    const values = categories(ds, use.def, lang);
    if (!values || values.length < 2) continue;
    const count = values.length;
    const second = cued.includes(use.mark);
    if (second && (linesOnly || count > palette)) {
      const add = linesOnly ? cues(use, count, palette, ds.rows.length) : pastPalette(use, count, palette);
      const fresh = Object.entries(add).filter(([ch]) => !(ch in use.encoding));
      if (fresh.length) use.node.encoding = { ...use.own, ...Object.fromEntries(fresh) };
    }
    const fits = second ? Math.min(count, palette * DASHES.length) : palette;
    if (count > fits) {
      const where = use.channel in use.own ? use.at : [];
      crowded.push({ path: [...where, 'encoding', use.channel], field: String(use.def.field), count, capacity: fits });
    }
  }
  return crowded;
}
