import type { Dataset } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import type { DrawnMark } from './drawn-marks.js';
import { TIP_FIELD } from './mark-text.js';

/**
 * A chart's alternate text says its data (WCAG 1.1.1): what kind of chart it is, what it measures, the years
 * its x axis spans, how many series it draws, and its highest and lowest values with their series — read from
 * what the chart drew (drawn-marks.ts: after its filters), each value as its mark says it (mark-text.ts: the
 * row's categories and its value in the edition's language and number style). Values in different units (bars
 * in HK$ million beside a line in %) are not compared: each unit has its highest and lowest.
 *
 * The facts are kept in the chart cache beside its SVG (a change to how they are found bumps edition-chart.ts's
 * RENDERER_VERSION); the words (`chartSummary` in strings/<lang>.yaml) are put around them when the chart is
 * taken, so a report's own strings apply to a cached chart too.
 */
export interface SummaryFacts {
  /** The kinds of its data marks (bar, line, area, point, dot, arc), in drawing order. */
  kinds: string[];
  /** The titles of its quantitative encodings (its value axes). */
  measures: string[];
  /** The first and last year on its x axis, when its x values are all years. */
  years?: [number, number];
  /** How many series its colour tells apart (0: no colour field). */
  series: number;
  /** Per unit, the text of the row with the highest value and of the one with the lowest (when another). */
  extremes: { high: string; low?: string }[];
}

/**
 * Vega mark types as a reader names them: points on a quantitative x are a scatter plot (`point`), on years or
 * categories dots (`dot`); a line's point markers are the line's; text and rules say nothing of their own.
 */
const kindOf: Record<string, string> = {
  rect: 'bar',
  line: 'line',
  trail: 'line',
  area: 'area',
  symbol: 'dot',
  arc: 'arc',
};

/** The facts of a chart's summary: `spec` is its Vega-Lite spec as compiled (localized), `marks` what it drew. */
export function summaryFacts(marks: DrawnMark[], spec: Record<string, unknown>, ds: Dataset): SummaryFacts {
  const { x, xType, color, measures } = encodings(spec);
  // (a quantitative x of numbers from 1000 to 2999 is a year only when the field says so)
  const yearAxis = !!x && (xType !== 'quantitative' || isYearField(x));
  const dots = yearAxis || xType !== 'quantitative' ? 'dot' : 'point';
  let kinds = [...new Set(marks.map((m) => kindOf[m.type]).filter((k): k is string => !!k))];
  kinds = kinds.includes('line') ? kinds.filter((k) => k !== 'dot') : kinds.map((k) => (k === 'dot' ? dots : k));
  const rows = valueRows(marks);
  const years = yearAxis ? yearRange(marks.flatMap((m) => m.rows.map((r) => r[x]))) : undefined;
  const series = color ? new Set(rows.map((r) => String(r[color] ?? ''))).size : 0;
  const byUnit = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const unit = typeof r.unit === 'string' && r.unit ? r.unit : (ds.meta.unit ?? 'number');
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), r]);
  }
  const extremes = [...byUnit.values()].map((group) => {
    const high = group.reduce((a, b) => ((b.value as number) > (a.value as number) ? b : a));
    const low = group.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
    return { high: String(high[TIP_FIELD]), low: low === high ? undefined : String(low[TIP_FIELD]) };
  });
  return { kinds, measures, ...(years ? { years } : {}), series, extremes };
}

/** The rows drawn that say a value of the dataset (each once, however many marks draw it). */
function valueRows(marks: DrawnMark[]): Record<string, unknown>[] {
  const seen = new Map<string, Record<string, unknown>>();
  for (const m of marks)
    for (const r of m.rows)
      if (typeof r[TIP_FIELD] === 'string' && typeof r.value === 'number' && Number.isFinite(r.value))
        if (!seen.has(r[TIP_FIELD])) seen.set(r[TIP_FIELD], r);
  return [...seen.values()];
}

const isYearField = (field: string) => /year|年/i.test(field);

/** The first and last of the values when every one is a year (a whole number from 1000 to 2999). */
function yearRange(values: unknown[]): [number, number] | undefined {
  const years = values.filter((v) => v != null && v !== '').map(Number);
  if (!years.length || !years.every((y) => Number.isInteger(y) && y >= 1000 && y < 3000)) return undefined;
  return [Math.min(...years), Math.max(...years)];
}

interface Encodings {
  x?: string;
  xType?: unknown;
  color?: string;
  measures: string[];
}

/** The chart's x field (and its type), its colour field (the first given, at any level), the titles of its quantities. */
function encodings(spec: unknown): Encodings {
  const out: Encodings = { measures: [] };
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const enc = (node as { encoding?: Record<string, Record<string, unknown> | undefined> }).encoding ?? {};
    // (the first x, or the first named as a year: bars drawn from a computed start beside points on the year)
    const x = enc.x?.field;
    if (typeof x === 'string' && (out.x === undefined || (isYearField(x) && !isYearField(out.x))))
      [out.x, out.xType] = [x, enc.x!.type];
    if (typeof enc.color?.field === 'string') out.color ??= enc.color.field;
    for (const channel of ['y', 'x', 'theta']) {
      const def = enc[channel];
      const title = Array.isArray(def?.title) ? def.title.join(' ') : def?.title;
      if (def?.type === 'quantitative' && typeof title === 'string' && title && !out.measures.includes(title))
        out.measures.push(title);
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'encoding' && k !== 'datasets' && k !== 'config') walk(v);
  };
  walk(spec);
  return out;
}

/** The summary in the edition's words: "Line chart: R&D expenditure (% of GDP), 2010–2021, 6 series; highest …". */
export function summaryText(facts: SummaryFacts, strings: Strings): string {
  const s = strings.chartSummary;
  const fill = (template: string, values: Record<string, string | number>) =>
    template.replace(/\{(\w+)\}/g, (all, k: string) => (k in values ? String(values[k]) : all));
  const named = facts.kinds.map((k) => (s as unknown as Record<string, string | undefined>)[k] ?? s.chart);
  // ("Bar chart and line chart": each after the first in lower case, where the language has cases)
  const kind = named.length ? named.map((k, i) => (i ? k.toLocaleLowerCase() : k)).join(s.and) : s.chart;
  const about = [
    facts.measures.join(s.and),
    facts.years &&
      (facts.years[0] === facts.years[1]
        ? fill(s.year, { year: facts.years[0] })
        : fill(s.years, { from: facts.years[0], to: facts.years[1] })),
    facts.series > 1 && fill(s.series, { n: facts.series }),
  ].filter(Boolean);
  const head = about.length ? `${kind}${strings.captionSeparator}${about.join(s.comma)}` : kind;
  const values = facts.extremes.flatMap((e) => [
    fill(s.highest, { value: e.high }),
    ...(e.low !== undefined ? [fill(s.lowest, { value: e.low })] : []),
  ]);
  return [head, ...values].join(s.semicolon);
}
