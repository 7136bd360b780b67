import type { Lang } from '../../context.js';
import type { Dataset } from '../../model/data.js';
import { labelOrder } from './domains.js';

/*
 * Categories a reader can tell apart. The theme's palette (theme/chart-theme.json, `range.category`) gives one
 * colour to each category, in turn; past its end the colours come round again and two series share one. A
 * line or a point then gets a second channel, on the same field: the first `palette` categories are drawn
 * solid (or as circles), the next `palette` with the second dash (or shape), and so on. A chart with more
 * categories than that, or than colours for a mark with no second channel (bars, areas), is reported.
 */

/** Vega-Lite's own default dash patterns (config `range.strokeDash`), solid first. */
const DASHES = [
  [1, 0],
  [4, 2],
  [2, 1],
  [1, 1],
  [1, 2, 4, 2],
];

/** Point shapes that differ in outline, not only in size: circle first (the theme's point). */
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross'];

/** The second channel of a mark, with its values: one per `palette` categories. */
const second: Record<string, { channel: string; values: unknown[] }> = {
  line: { channel: 'strokeDash', values: DASHES },
  trail: { channel: 'strokeDash', values: DASHES },
  point: { channel: 'shape', values: SHAPES },
};

/** Channels that give a category its colour. */
const colours = ['color', 'fill', 'stroke'];

/** A colour channel with more categories than the chart can tell apart: where it is in the spec, and by how much. */
export interface Crowded {
  path: (string | number)[];
  field: string;
  count: number;
  capacity: number;
}

type Def = { field?: unknown; type?: unknown; sort?: unknown; scale?: { domain?: unknown } };

/** The values of a field in the order the colour scale gives them out (labels in the order of their codes). */
function categories(ds: Dataset, def: Def, lang: Lang): string[] | undefined {
  const field = String(def.field);
  if (Array.isArray(def.scale?.domain)) return def.scale.domain.map(String);
  const col = Object.keys(ds.meta.labels ?? {}).find((c) => field === `${c}_label`);
  if (col) return labelOrder(ds, col, lang);
  if (!ds.columns.includes(field)) return undefined; // made by a transform: not counted
  return [...new Set(ds.rows.map((r) => String(r.values[field] ?? '')))];
}

/**
 * The spec with a second channel on the lines and points whose colour field has more categories than the
 * palette has colours, and the colour channels that still have more than can be told apart. Changes `spec`.
 */
export function tellApart(spec: Record<string, unknown>, ds: Dataset, lang: Lang, palette: number): Crowded[] {
  const crowded: Crowded[] = [];
  const walk = (node: unknown, inherited: Record<string, unknown>, at: (string | number)[]): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, inherited, [...at, i]));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const own = (o.encoding ?? {}) as Record<string, unknown>;
    const encoding = { ...inherited, ...own };
    const mark = typeof o.mark === 'object' ? (o.mark as { type?: unknown })?.type : o.mark;
    const channel = mark ? colours.find((ch) => (encoding[ch] as Def | undefined)?.field !== undefined) : undefined;
    const def = channel ? (encoding[channel] as Def) : undefined;
    const values = def && def.type !== 'quantitative' && def.type !== 'temporal' && categories(ds, def, lang);
    if (values && values.length > palette) {
      const extra = second[String(mark)];
      const fits = extra ? Math.min(values.length, palette * extra.values.length) : palette;
      if (extra && !(extra.channel in encoding)) {
        const order = Array.isArray(def!.sort) ? def!.sort.map(String) : values;
        const range = order.map((_, i) => extra.values[Math.min(Math.floor(i / palette), extra.values.length - 1)]);
        o.encoding = {
          ...own,
          [extra.channel]: { field: def!.field, type: 'nominal', scale: { domain: order, range } },
        };
      }
      if (values.length > fits) {
        const where = channel! in own ? at : [];
        crowded.push({
          path: [...where, 'encoding', channel!],
          field: String(def!.field),
          count: values.length,
          capacity: fits,
        });
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'encoding' && k !== 'config') walk(v, encoding, [...at, k]);
  };
  walk(spec, {}, []);
  return crowded;
}
