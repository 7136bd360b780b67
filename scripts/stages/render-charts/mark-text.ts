import type { Lang } from '../../context.js';
import { type Dataset, labelOf } from '../../model/data.js';
import { formatValue, isUnit, type Unit } from '../../locale/units.js';

/**
 * What each mark of a chart says when a reader points at it, taps it, focuses
 * it or has it read out: the row's categories in the edition's language and
 * its value formatted as `{{num}}` formats it ("香港 · 2020：0.99%"). The text
 * travels in the row (TIP_FIELD) and Vega writes it as the mark's aria-label;
 * the page's script shows that label. Axes and legends are left out of the
 * accessibility tree (Vega describes them in English); value labels and lines
 * too, as they repeat what their points and bars say.
 */
export const TIP_FIELD = '__tip';

/** Columns with a fixed meaning (docs/authoring.md): not categories. */
const fixedColumns = ['id', 'value', 'unit', 'source', 'note'];

/** Marks that never carry a value of their own. */
const silentMarks = ['text', 'rule', 'line', 'area', 'trail', 'image', 'geoshape'];

/**
 * Marks whose series Vega-Lite stacks by every field they encode, filling each x of each group: a
 * `description` field (one text per row) would make each row its own series, every other x a zero —
 * the area drawn as a sawtooth. (A line's points keep their text.)
 */
const groupingMarks = ['area', 'trail'];

/** Operations after which a row is no longer one row of the dataset. */
const regrouping = ['aggregate', 'pivot', 'fold', 'flatten', 'density', 'regression', 'loess', 'quantile'];

/**
 * The chart's rows (from chartRows, in the dataset's order), each with its text: its categories, its value,
 * then each number column that has a title — the meta's (`columns: {patents: {type: integer, title: …}}`),
 * else `titles` (a chart's axis titles, encodedTitles) — as "title: number" (a bare 842 said nothing).
 * Number columns without a title (a year) are said as they are, with the categories.
 */
export function withMarkText(
  rows: Record<string, unknown>[],
  ds: Dataset,
  lang: Lang,
  separator: string,
  titles: Record<string, string> = {},
): Record<string, unknown>[] {
  if (!ds.columns.includes('value')) return rows;
  const titleOf = (c: string) =>
    isNumberColumn(ds, c) ? (ds.meta.columns?.[c]?.title?.[lang] ?? titles[c] ?? undefined) : undefined;
  const categories = ds.columns.filter((c) => !fixedColumns.includes(c) && !titleOf(c));
  const titled = ds.columns.filter((c) => !fixedColumns.includes(c) && titleOf(c));
  return rows.map((row, i) => {
    const r = ds.rows[i];
    const raw = r?.raw.value?.trim();
    if (!r || !raw) return row;
    const rowUnit = r.values.unit;
    const unit: Unit = typeof rowUnit === 'string' && isUnit(rowUnit) ? rowUnit : (ds.meta.unit ?? 'number');
    const names = categories
      .map((c) => labelOf(ds, c, r.values[c] ?? null, lang) ?? String(r.values[c] ?? ''))
      .filter(Boolean);
    const numbers = titled
      .filter((c) => r.raw[c]?.trim())
      .map((c) => ` · ${titleOf(c)}${separator}${formatValue(r.raw[c]!.trim(), 'number', lang)}`);
    return {
      ...row,
      [TIP_FIELD]: `${names.join(' · ')}${separator}${formatValue(raw, unit, lang)}${numbers.join('')}`,
    };
  });
}

const isNumberColumn = (ds: Dataset, c: string) => ['integer', 'number'].includes(ds.meta.columns?.[c]?.type ?? '');

/**
 * The titles a (localized) chart gives the number columns it plots as quantities (its axis titles, say),
 * for the columns whose meta gives none: what its marks call those values.
 */
export function encodedTitles(spec: unknown, ds: Dataset): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const o = node as { encoding?: Record<string, { field?: unknown; title?: unknown; type?: unknown }> };
    for (const def of Object.values(o.encoding ?? {})) {
      const field = def?.field;
      if (typeof field !== 'string' || typeof def.title !== 'string' || fixedColumns.includes(field)) continue;
      if (def.type !== 'quantitative') continue; // (a year on a category axis stays a category)
      if (isNumberColumn(ds, field) && !ds.meta.columns?.[field]?.title) out[field] ??= def.title;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'encoding' && k !== 'datasets') walk(v);
  };
  walk(spec);
  return out;
}

/**
 * The spec with each data mark described by TIP_FIELD (when its rows are still
 * the dataset's rows), `roleDescription` as what a mark is called, and the
 * guides, lines and labels hidden from assistive technology. Nothing drawn changes.
 */
export function describeMarks(spec: Record<string, unknown>, roleDescription: string): Record<string, unknown> {
  const config = (spec.config ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out = walk(spec, {}, false) as Record<string, unknown>;
  out.config = {
    ...config,
    mark: { ...config.mark, ariaRoleDescription: roleDescription },
    axis: { ...config.axis, aria: false },
    legend: { ...config.legend, aria: false },
  };
  return out;
}

function walk(
  node: Record<string, unknown>,
  inherited: Record<string, unknown>,
  regrouped: boolean,
): Record<string, unknown> {
  const transforms = Array.isArray(node.transform) ? (node.transform as Record<string, unknown>[]) : [];
  const lost = regrouped || transforms.some((t) => regrouping.some((k) => k in t));
  const encoding = { ...inherited, ...((node.encoding as Record<string, unknown>) ?? {}) };
  const out: Record<string, unknown> = { ...node };
  for (const key of ['layer', 'hconcat', 'vconcat', 'concat']) {
    if (Array.isArray(node[key]))
      out[key] = (node[key] as Record<string, unknown>[]).map((child) => walk(child, encoding, lost));
  }
  if (node.spec && typeof node.spec === 'object') out.spec = walk(node.spec as Record<string, unknown>, encoding, lost);
  if (!('mark' in node)) return out;
  const mark: Record<string, unknown> =
    typeof node.mark === 'string' ? { type: node.mark } : { ...(node.mark as Record<string, unknown>) };
  const perRow =
    !lost &&
    !Object.values(encoding).some(
      (d) => d && typeof d === 'object' && ['aggregate', 'bin', 'timeUnit'].some((k) => k in (d as object)),
    );
  if (silentMarks.includes(String(mark.type))) mark.aria = false;
  if (perRow && !groupingMarks.includes(String(mark.type)) && !('description' in encoding))
    out.encoding = { ...((node.encoding as object) ?? {}), description: { field: TIP_FIELD } };
  if (!perRow && !silentMarks.includes(String(mark.type))) mark.aria = false;
  out.mark = mark;
  return out;
}

/**
 * Vega labels the group around each mark set ("symbol mark container", in
 * English): drop those roles, so that a screen reader goes from the chart
 * straight to its marks. Attributes only: the drawing is the same.
 */
export function dropContainerRoles(svg: string): string {
  return svg.replace(/ role="graphics-object" aria-roledescription="[^"]*"/g, '');
}
