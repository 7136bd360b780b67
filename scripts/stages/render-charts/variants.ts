import type { Lang } from '../../context.js';
import type { Dataset } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import { describeMarks, withMarkText } from './mark-text.js';
import { narrowSpec, narrowTheme } from './narrow-spec.js';
import { narrowKey } from '../../model/charts.js';

/** One rendering of a chart: the print layout (also the web's wide one) or the narrow (phone) layout. */
export interface ChartVariant {
  /** `${lang}|${figureId}` for the print layout, `…|narrow` for the phone layout. */
  key: string;
  spec: Record<string, unknown>;
  narrow: boolean;
}

/**
 * The renderings of one chart, from its localized, themed spec: marks carry
 * their text (mark-text.ts) in both; the narrow one exists when the theme has
 * a `narrow` entry and the spec can be fitted to a width.
 */
export function chartVariants(spec: Record<string, unknown>, ds: Dataset, lang: Lang, key: string, strings: Strings): ChartVariant[] {
  const { narrow: narrowEntry, ...config } = (spec.config ?? {}) as Record<string, unknown>;
  const datasets = (spec.datasets ?? {}) as Record<string, Record<string, unknown>[]>;
  const rows = datasets[ds.id];
  const withText = {
    ...spec,
    datasets: rows ? { ...datasets, [ds.id]: withMarkText(rows, ds, lang, strings.captionSeparator) } : datasets,
    config,
  };
  const print = describeMarks(withText, strings.dataPoint);
  const theme = narrowTheme({ narrow: narrowEntry });
  const narrow = theme && narrowSpec(print, theme);
  return [{ key, spec: print, narrow: false }, ...(narrow ? [{ key: narrowKey(key), spec: narrow, narrow: true }] : [])];
}
