import type { Strings } from '../../model/templates.js';
import { describeMarks } from './mark-text.js';
import { narrowSpec, narrowTheme, withLegendColumns } from './narrow-spec.js';
import { horizontalBars, withTurningLabels } from './axis-labels.js';
import { narrowKey } from '../../model/charts.js';

/** One rendering of a chart: the print layout (also the web's wide one) or the narrow (phone) layout. */
export interface ChartVariant {
  /** `${lang}|${figureId}` for the print layout, `…|narrow` for the phone layout. */
  key: string;
  spec: Record<string, unknown>;
  narrow: boolean;
}

/**
 * The renderings of one chart, from its localized, themed spec, whose rows
 * carry their marks' text (mark-text.ts, withMarkText): marks say it in both;
 * the narrow one exists when the theme has a `narrow` entry and the spec can
 * be fitted to a width.
 */
export function chartVariants(spec: Record<string, unknown>, key: string, strings: Strings): ChartVariant[] {
  const { narrow: narrowEntry, ...config } = (spec.config ?? {}) as Record<string, unknown>;
  // The print layout's legend on one row while it fits within the plot's width, else in columns (vega-svg.ts).
  // Its x labels turned until each category keeps its own (axis-labels.ts).
  const print = withTurningLabels(withLegendColumns(describeMarks({ ...spec, config }, strings.dataPoint), 0));
  const theme = narrowTheme({ narrow: narrowEntry });
  const fitted = theme && narrowSpec(print, theme);
  // A bar chart of many categories as horizontal bars, a name to a row.
  const narrow = fitted && (horizontalBars(fitted) ?? fitted);
  return [
    { key, spec: print, narrow: false },
    ...(narrow ? [{ key: narrowKey(key), spec: narrow, narrow: true }] : []),
  ];
}
