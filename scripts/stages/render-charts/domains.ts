import type { Lang } from '../../context.js';
import { labelOf, type Dataset } from '../../model/data.js';
import { codeOrder } from './chart-spec.js';

/** Channels whose scale (or header) puts a field's values in an order: positions, colours, shapes, legends, facets. */
const ordering = [
  'x',
  'y',
  'xOffset',
  'yOffset',
  'color',
  'fill',
  'stroke',
  'shape',
  'size',
  'opacity',
  'fillOpacity',
  'strokeOpacity',
  'strokeDash',
  'strokeWidth',
  'angle',
  'row',
  'column',
  'facet',
];

type FieldDef = Record<string, unknown> & {
  field?: unknown;
  type?: unknown;
  sort?: unknown;
  scale?: { domain?: unknown };
};

/** Every field definition of a spec, with the channel it is on (encodings at any depth, and facet specs). */
function fieldDefs(spec: unknown): { channel: string; def: FieldDef }[] {
  const out: { channel: string; def: FieldDef }[] = [];
  const add = (channel: string, def: unknown) => {
    for (const d of Array.isArray(def) ? def : [def])
      if (d && typeof d === 'object' && 'field' in d) out.push({ channel, def: d as FieldDef });
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.encoding && typeof o.encoding === 'object')
      for (const [channel, def] of Object.entries(o.encoding)) add(channel, def);
    if (o.facet && typeof o.facet === 'object') {
      const f = o.facet as Record<string, unknown>;
      if ('field' in f) add('facet', f);
      else for (const ch of ['row', 'column']) add(ch, f[ch]);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'encoding') walk(v);
  };
  walk(spec);
  return out;
}

/**
 * The labels of a coded column in `lang`, in the order of their codes: the meta's `labels:` first, then codes as they
 * first appear in the data.
 */
export function labelOrder(ds: Dataset, col: string, lang: Lang): string[] {
  return [...new Set([...codeOrder(ds, col).keys()].map((code) => labelOf(ds, col, code, lang) ?? code))];
}

/** Marks that Vega-Lite stacks, in the order of their `order` channel (else by the label, which differs by language). */
const stacking = ['bar', 'area', 'arc'];

/** Channels that split a stacked mark into the layers of its stack. */
const stackBy = ['color', 'fill', 'stroke', 'opacity', 'fillOpacity', 'strokeOpacity', 'detail'];

/**
 * Order by the code, not the label: an `order` channel or a `sort: {field}` that names a `<col>_label`
 * field is given `<col>_order` (the place of its code, chart-spec.ts: chartRows) instead; a stacking mark
 * (bar, area, arc) split by a `<col>_label` without an `order` of its own is stacked in that order.
 */
function orderByCode(spec: unknown, cols: string[]): void {
  const labelled = (f: unknown) => cols.find((c) => f === `${c}_label`);
  for (const { channel, def } of fieldDefs(spec)) {
    const col = labelled(def.field);
    if (channel === 'order' && col) Object.assign(def, { field: `${col}_order`, type: 'quantitative' });
    const sort = def.sort as { field?: unknown } | undefined;
    const by = sort && typeof sort === 'object' && !Array.isArray(sort) ? labelled(sort.field) : undefined;
    if (by) def.sort = { ...sort, field: `${by}_order` };
  }
  const walk = (node: unknown, inherited: Record<string, unknown>): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inherited));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const own = (o.encoding ?? {}) as Record<string, unknown>;
    const encoding = { ...inherited, ...own };
    const mark = typeof o.mark === 'object' ? (o.mark as { type?: unknown })?.type : o.mark;
    if (stacking.includes(String(mark)) && !('order' in encoding)) {
      const col = stackBy.map((ch) => labelled((encoding[ch] as FieldDef | undefined)?.field)).find(Boolean);
      if (col) o.encoding = { ...own, order: { field: `${col}_order`, type: 'quantitative' } };
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'encoding') walk(v, encoding);
  };
  walk(spec, {});
}

/**
 * Charts identical across editions. For a column with `labels`, the rows carry
 * `<col>_label`, its display name in the edition's language; Vega-Lite would
 * order such a field's values alphabetically, which differs between Chinese
 * and English, so the same entity would get another colour, position or
 * legend place in each edition. Every channel that orders a `<col>_label`
 * field gets its labels in the order of their codes instead, the same in every
 * language (labels are only what is displayed). A spec that orders the field
 * itself — `sort` or `scale.domain` on any channel using it — keeps its order.
 * Returns a copy of `spec`.
 */
export function neutralOrder<T extends object>(spec: T, ds: Dataset, lang: Lang): T {
  const out = structuredClone(spec);
  const defs = fieldDefs(out);
  for (const col of Object.keys(ds.meta.labels ?? {})) {
    const field = `${col}_label`;
    const uses = defs.filter(({ def }) => def.field === field);
    if (uses.some(({ def }) => def.sort !== undefined || def.scale?.domain !== undefined)) continue;
    const order = labelOrder(ds, col, lang);
    for (const { channel, def } of uses) {
      if (ordering.includes(channel) && def.type !== 'quantitative' && def.type !== 'temporal') def.sort = order;
    }
  }
  orderByCode(out, Object.keys(ds.meta.labels ?? {}));
  return out;
}
