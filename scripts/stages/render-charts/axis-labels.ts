import { WRAP_LABEL } from './narrow-spec.js';

/*
 * Category labels are data: a chart never drops one without a word. Vega removes axis labels that overlap
 * (labelOverlap), which left 6 of 11 city names on an English chart and 3 at the phone layout. The print
 * layout's x labels turn (X_LABEL_ANGLE: 0, then -45, then -90, vega-svg.ts) until every category keeps
 * its label; the phone layout draws a bar chart of many categories as horizontal bars, one name per row.
 * A chart that still drops a category's label fails the build, naming it (edition-chart.ts).
 */

/** The signal the x axis takes its label angle from: vega-svg.ts turns the labels until none is dropped. */
export const X_LABEL_ANGLE = 'x_label_angle';

/** The angles tried, in turn. */
export const LABEL_ANGLES = [0, -45, -90];

const composite = ['facet', 'repeat', 'concat', 'hconcat', 'vconcat', 'layer'];

/** A spec whose x labels turn with X_LABEL_ANGLE, unless its theme turns them itself. */
export function withTurningLabels(spec: Record<string, unknown>): Record<string, unknown> {
  if (composite.slice(0, 5).some((k) => k in spec)) return spec;
  const config = (spec.config ?? {}) as Record<string, unknown>;
  const axisX = (config.axisX ?? {}) as Record<string, unknown>;
  if (axisX.labelAngle !== undefined && axisX.labelAngle !== 0) return spec;
  const params = Array.isArray(spec.params) ? spec.params : [];
  // A turned label has the room of the chart's height below it: not cut to Vega-Lite's 180 px.
  const axis = (config.axis ?? {}) as Record<string, unknown>;
  const limit =
    'labelLimit' in axisX || 'labelLimit' in axis ? {} : { labelLimit: { expr: `${X_LABEL_ANGLE} == 0 ? 180 : 0` } };
  return {
    ...spec,
    params: [...params, { name: X_LABEL_ANGLE, value: 0 }],
    config: {
      ...config,
      axisX: {
        ...axisX,
        labelAngle: { expr: X_LABEL_ANGLE },
        labelAlign: { expr: `${X_LABEL_ANGLE} == 0 ? 'center' : 'right'` },
        labelBaseline: { expr: `${X_LABEL_ANGLE} == -90 ? 'middle' : 'top'` },
        ...limit,
      },
    },
  };
}

/** Categories from which a bar chart is drawn as horizontal bars at the phone layout. */
const MANY = 6;

/** Height of a horizontal bar's row at the phone layout: two lines of a wrapped label. */
const ROW = 32;

type Def = Record<string, unknown> & { field?: unknown; type?: unknown; axis?: unknown };

/**
 * A simple bar chart (one mark, a category on x, a quantity on y, no offset) of more than MANY categories
 * as horizontal bars: the categories down the side, each name on up to two lines. Otherwise undefined.
 */
export function horizontalBars(spec: Record<string, unknown>): Record<string, unknown> | undefined {
  if (composite.some((k) => k in spec)) return undefined;
  const mark = typeof spec.mark === 'object' ? (spec.mark as { type?: unknown })?.type : spec.mark;
  const enc = (spec.encoding ?? {}) as Record<string, Def>;
  const { x, y } = enc;
  if (mark !== 'bar' || !x || !y || 'xOffset' in enc || 'yOffset' in enc) return undefined;
  if (typeof x.field !== 'string' || !['nominal', 'ordinal'].includes(String(x.type)) || y.type !== 'quantitative')
    return undefined;
  const data = (spec.data ?? {}) as { name?: string };
  const rows = ((spec.datasets ?? {}) as Record<string, Record<string, unknown>[]>)[data.name ?? ''] ?? [];
  const count = new Set(rows.map((r) => r[x.field as string])).size;
  if (count <= MANY) return undefined;
  const axis = x.axis === null ? null : { ...((x.axis as object) ?? {}), labelExpr: WRAP_LABEL, labelLimit: 0 };
  // (a height in pixels, not a step: Vega-Lite drops the width's fit for a step height)
  return { ...spec, height: count * ROW, encoding: { ...enc, x: { ...y }, y: { ...x, axis } } };
}
