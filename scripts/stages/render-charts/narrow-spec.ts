/**
 * The phone layout of a chart: the same spec drawn for the width it is seen at
 * (theme/chart-theme.json, `narrow`: the width of the whole chart, the
 * height of its plot — a legend on top adds to it —, and the config that
 * changes: larger type, fewer ticks, legend on top),
 * instead of the print layout scaled down to unreadable type.
 */
export interface NarrowTheme {
  width: number;
  height: number;
  config: Record<string, unknown>;
}

/** The signal the page sets to the most legend columns that fit the width (render-charts/index.ts). */
export const LEGEND_COLUMNS = 'narrow_legend_columns';

/** Most columns tried for a legend; the page lowers it until the legend fits. */
const MAX_COLUMNS = 6;

/**
 * A spec whose legends take their columns from LEGEND_COLUMNS (unless its config sets them), starting at
 * `start` (0: one row): vega-svg.ts lowers it until the chart fits its width. A facet or concatenation is
 * left as it is.
 */
export function withLegendColumns(spec: Record<string, unknown>, start: number): Record<string, unknown> {
  if (composite.some((k) => k in spec)) return spec;
  const config = (spec.config ?? {}) as Record<string, unknown>;
  const legend = (config.legend ?? {}) as Record<string, unknown>;
  const params = (Array.isArray(spec.params) ? spec.params : []).filter(
    (p: { name?: unknown }) => p?.name !== LEGEND_COLUMNS,
  );
  return {
    ...spec,
    params: [...params, { name: LEGEND_COLUMNS, value: start }],
    config: 'columns' in legend ? config : { ...config, legend: { ...legend, columns: { expr: LEGEND_COLUMNS } } },
  };
}

/**
 * An x-axis label longer than 10 characters with a space in it is set on two
 * lines, broken at the last space before its middle (or its first space), so
 * that category names stay horizontal on a narrow chart. Years and numbers
 * have no spaces and are left alone.
 */
const half = 'ceil(length(datum.label) / 2) + 1';
const lastSpace = `lastindexof(slice(datum.label, 0, ${half}), ' ')`;
const breakAt = `(${lastSpace} > 0 ? ${lastSpace} : indexof(datum.label, ' '))`;
const twoLines = `[slice(datum.label, 0, ${breakAt}), slice(datum.label, ${breakAt} + 1)]`;
export const WRAP_LABEL = `length(datum.label) > 10 && indexof(datum.label, ' ') > 0 ? ${twoLines} : datum.label`;

const composite = ['facet', 'repeat', 'concat', 'hconcat', 'vconcat'];

/** The theme's `narrow` entry, if it has a usable one. */
export function narrowTheme(theme: Record<string, unknown>): NarrowTheme | undefined {
  const n = theme.narrow as Partial<NarrowTheme> | undefined;
  if (!n || typeof n.width !== 'number' || typeof n.height !== 'number') return undefined;
  return { width: n.width, height: n.height, config: (n.config as Record<string, unknown>) ?? {} };
}

/**
 * The narrow layout of a (localized, themed) spec, or undefined for a spec
 * that cannot be fitted to a width (facets and concatenations keep their print
 * layout). The whole chart, axes and legend included, is `width` wide; its
 * plot is `height` high.
 */
export function narrowSpec(spec: Record<string, unknown>, narrow: NarrowTheme): Record<string, unknown> | undefined {
  if (composite.some((k) => k in spec)) return undefined;
  const base = (spec.config ?? {}) as Record<string, unknown>;
  const config: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(narrow.config)) {
    const was = base[k];
    config[k] =
      v && typeof v === 'object' && !Array.isArray(v) && was && typeof was === 'object'
        ? { ...(was as object), ...(v as object) }
        : v;
  }
  const axisX = (config.axisX ?? {}) as Record<string, unknown>;
  if (!('labelExpr' in axisX)) config.axisX = { ...axisX, labelExpr: WRAP_LABEL };
  const fitted = {
    ...spec,
    width: narrow.width,
    height: narrow.height,
    autosize: { type: 'fit-x', contains: 'padding' },
    config,
  };
  return withLegendColumns(fitted, MAX_COLUMNS);
}
