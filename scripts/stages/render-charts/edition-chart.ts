import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import type { BuildContext, Lang } from '../../context.js';
import type { Rule, Place, Severity } from '../../diagnostics/catalogue.js';
import type { Dataset, Figure, ReportData } from '../../model/data.js';
import type { Templates } from '../../model/templates.js';
import { textMeasure } from '../../fonts/text-measure.js';
import {
  chartRows,
  checkData,
  checkFields,
  checkI18n,
  expressionProblem,
  localize,
  type SpecProblem,
} from './chart-spec.js';
import { neutralOrder } from './domains.js';
import { tellApart, type Crowded } from './distinct.js';
import { crowdedNotes, droppedNote, schemaNotes, specNotes } from './chart-notes.js';
import { checkLinks } from './chart-links.js';
import { checkImageUrls } from './remote-images.js';
import { chartVariants, type ChartVariant } from './variants.js';
import { dropContainerRoles, encodedTitles, withMarkText } from './mark-text.js';
import { svgInNode } from './vega-svg.js';
import { chartKey } from '../../model/charts.js';
import { vegaNumberLocale } from '../../locale/number-style.js';
import { withGroupedLabels } from './number-labels.js';
import { summaryFacts, summaryText, type SummaryFacts } from './chart-summary.js';

/*
 * One chart of one edition: its variants (print, narrow) compiled from the spec, each rendered in Node or taken
 * from the cache by a hash of its compiled spec, and what to report about it. Where and when charts are
 * rendered (threads, order) is chart-work.ts's.
 */

/** Bump when the SVG, or the facts of its summary (chart-summary.ts), change for the same spec. */
const RENDERER_VERSION = 'vega-6|node-3';

/** A diagnostic to report when the stage's results are taken (the arguments of Diagnostics.report). */
export type Note = [rule: Rule, place: Place, args: string[], hintArgs: string[], severity?: Severity];

/** One chart of one edition: its renderings by key (print, narrow) and what to report about it. */
export interface EditionChart {
  /** Problems of the spec itself, the same in every edition: reported once. */
  specProblems: Note[];
  /** Its compiler's warnings (each once), or the error that stopped it. */
  notes: Note[];
  svgs: [key: string, svg: string][];
  /** What its print rendering draws, in words (chart-summary.ts): the end of its alternate text. */
  summary?: string;
  /** Renderings made now (not taken from the cache). */
  rendered: number;
}

/**
 * What a chart needs of the report: its figure, dataset, theme and strings (all a worker thread is sent),
 * and the rows of each dataset as charts take them in each edition, made once by whoever renders (`rows`).
 */
export type ChartInputs = {
  data: Pick<ReportData, 'figures' | 'datasets'>;
  templates: Pick<Templates, 'chartTheme' | 'strings' | 'files'>;
  rows?: Map<string, Record<string, unknown>[]>;
  /** The chart theme's problems against Vega-Lite's config schema, per edition (checked once, when a chart is first rendered). */
  theme?: Map<Lang, Note[]>;
};

/** The cache file of a rendering: named by a hash of its spec as compiled. */
function cacheFile(ctx: BuildContext, spec: unknown): string {
  const hash = createHash('sha256').update(RENDERER_VERSION).update(JSON.stringify(spec)).digest('hex').slice(0, 24);
  return path.join(ctx.cacheDir, 'charts', `${hash}.svg`);
}

/** Whether every rendering of the chart is in the cache (or it has none to make). */
export function isCached(ctx: BuildContext, inputs: ChartInputs, lang: Lang, figure: Figure): boolean {
  const { data } = inputs;
  const ds = figure.dataset ? data.datasets.get(figure.dataset) : undefined;
  if (!figure.spec || !ds || !figure.chart || ownProblems(figure.spec, ds).length) return true;
  return figureVariants(figure, ds, lang, inputs).every((v) => existsSync(cacheFile(ctx, v.spec)));
}

/**
 * The Vega-Lite specs of a figure's renderings in one edition: its data (each
 * row with the text its mark says, mark-text.ts) and the theme in the
 * edition's language. A dataset's rows are made once per edition and shared by
 * its charts: formatting every value again for each chart would make the cost
 * of a chart grow with a dataset that many charts share.
 */
export function figureVariants(
  figure: Figure,
  ds: Dataset,
  lang: Lang,
  { templates, rows }: ChartInputs,
  crowded: Crowded[] = [],
): ChartVariant[] {
  const theme = localize(templates.chartTheme, lang);
  // Labels are only displayed: colours and orders follow the codes, the same in every edition (domains.ts).
  // (Ordered before the rows are added: neither they nor the theme are copied again for each chart.)
  const own = withGroupedLabels(neutralOrder(localize(figure.spec ?? {}, lang), ds, lang));
  // Past the palette's last colour, lines and points get a second channel (distinct.ts).
  const range = ((own.config as { range?: unknown } | undefined)?.range ?? theme.range) as { category?: unknown };
  crowded.push(...tellApart(own, ds, lang, Array.isArray(range?.category) ? range.category.length : 10));
  // Number columns the meta gives no title are named in the marks' text by the chart's own titles.
  const titles = encodedTitles(own, ds);
  const key = `${ds.id}|${lang}${Object.keys(titles).length ? `|${JSON.stringify(titles)}` : ''}`;
  let chartData = rows?.get(key);
  if (!chartData) {
    chartData = withMarkText(chartRows(ds, lang), ds, lang, templates.strings[lang].captionSeparator, titles);
    rows?.set(key, chartData);
  }
  // Numbers in the edition's one style (locale/number-style.ts), whatever the theme or spec says.
  const config = { ...theme, ...(own.config as object), locale: { number: vegaNumberLocale(lang) } };
  const spec = { ...own, datasets: { [ds.id]: chartData }, config };
  return chartVariants(spec, chartKey(lang, figure.id), templates.strings[lang]);
}

/** A spec's problems that need no schema: languages, data, remote images, fields of its dataset, links. */
function ownProblems(spec: Record<string, unknown>, ds: Dataset): SpecProblem[] {
  return [
    ...checkI18n(spec),
    ...checkData(spec),
    ...checkImageUrls(spec, ds),
    ...checkFields(spec, ds),
    ...checkLinks(spec, ds),
  ];
}

/** The warning for a chart that draws no data, kept with its compiler's (so a cached chart says it again). */
function noData(warnings: string[]): string {
  const w = 'the chart draws no data: its transforms (a filter?) keep no row of the dataset';
  warnings.push(w);
  return w;
}

/** One chart of one edition: its renderings (from the cache or made now) and what to report. */
export async function editionChart(
  ctx: BuildContext,
  inputs: ChartInputs,
  lang: Lang,
  figure: Figure,
): Promise<EditionChart | undefined> {
  const { data } = inputs;
  const ds = figure.dataset ? data.datasets.get(figure.dataset) : undefined;
  const file = figure.chart;
  if (!figure.spec || !ds || !file) return undefined;
  const out: EditionChart = { specProblems: [], notes: [], svgs: [], rendered: 0 };
  const problems = ownProblems(figure.spec, ds);
  if (problems.length) {
    out.specProblems = specNotes(ctx, file, problems);
    return out;
  }
  let checked = false;
  const at = { file, line: 1, column: 1 };
  const warned = new Set<string>();
  const crowded: Crowded[] = [];
  for (const variant of figureVariants(figure, ds, lang, inputs, crowded)) {
    // The print layout's warnings are the spec's own; the narrow layout adds only those of its own, saying so.
    const say = (w: string) => (variant.narrow ? `phone layout: ${w}` : w);
    const warn = (w: string) => {
      if (!warned.has(w)) out.notes.push(['chart-spec', at, [say(w)], [], 'warning']);
      warned.add(w);
    };
    // Keyed by the spec as written plus its data, theme and language: a cached chart is not even compiled.
    const cached = cacheFile(ctx, variant.spec);
    if (fromCache(cached, variant, out, warn, (facts) => (out.summary = summaryOf(facts, inputs, lang)))) continue;
    // Not rendered before: the spec is checked against Vega-Lite's own schema first, the theme too.
    if (!checked) {
      out.specProblems = schemaNotes(ctx, inputs, lang, { ...figure, chart: file, spec: figure.spec });
      checked = true;
      if (out.specProblems.length) break;
    }
    let vg: unknown;
    const warnings: string[] = [];
    try {
      const logger = {
        level() {
          return logger;
        },
        warn: (...a: unknown[]) => void warnings.push(a.join(' ')),
        info() {},
        debug() {},
        error: (...a: unknown[]) => void warnings.push(a.join(' ')),
      };
      const { compile } = await import('vega-lite'); // loaded only when a chart is not in the cache
      vg = compile(variant.spec as never, { logger: logger as never }).spec;
      warnings.forEach(warn);
    } catch (e) {
      // A spec that does not compile is reported once, for its print layout (most often a malformed
      // expression: Vega's parser finds which, and the spec's place).
      const { parseExpression } = await import('vega');
      const bad = expressionProblem(localize(figure.spec, lang), parseExpression);
      if (bad) out.specProblems = specNotes(ctx, file, [bad]);
      else out.notes.push(['chart-spec', at, [say((e as Error).message)], []]);
      break;
    }
    const drawn = await svgInNode(textMeasure(ctx), vg, variant.narrow ? Number(variant.spec.width) : undefined);
    if (drawn.error !== undefined || drawn.dropped.length) {
      // (a spec Vega-Lite compiled can still fail in Vega: an expression, a scale… — the spec's problem; a chart
      // that drops labels is not cached: the next build says it again)
      out.notes.push(
        drawn.error !== undefined
          ? ['chart-spec', at, [`Vega could not draw it: ${drawn.error}`], []]
          : droppedNote(ctx, file, drawn.dropped, variant.narrow),
      );
      break;
    }
    // A chart whose marks drew nothing (a filter that keeps no row) is published empty: said, never silent.
    if (drawn.marks === 0 && !variant.narrow) warn(noData(warnings));
    const svg = dropContainerRoles(drawn.svg);
    const facts = variant.narrow ? undefined : summaryFacts(drawn.drawn, variant.spec, ds);
    store(cached, svg, warnings, facts);
    out.svgs.push([variant.key, svg]);
    if (facts) out.summary = summaryOf(facts, inputs, lang);
    out.rendered++;
  }
  out.specProblems.push(...crowdedNotes(ctx, file, crowded));
  return out;
}

/**
 * A rendering taken from the cache, when it is there (a print rendering with its summary's facts): its SVG
 * into `out`, its compiler's warnings said again, its facts handed to `summary`.
 */
function fromCache(
  cached: string,
  variant: ChartVariant,
  out: EditionChart,
  warn: (w: string) => void,
  summary: (facts: SummaryFacts) => void,
): boolean {
  const warningsFile = cached.replace(/\.svg$/, '.warnings.json');
  const factsFile = cached.replace(/\.svg$/, '.summary.json');
  if (!existsSync(cached) || (!variant.narrow && !existsSync(factsFile))) return false;
  const warnings = existsSync(warningsFile) ? (JSON.parse(readFileSync(warningsFile, 'utf8')) as string[]) : [];
  warnings.forEach(warn);
  out.svgs.push([variant.key, readFileSync(cached, 'utf8')]);
  if (!variant.narrow) summary(JSON.parse(readFileSync(factsFile, 'utf8')) as SummaryFacts);
  return true;
}

/** A chart's summary in the edition's words (its facts are the same whatever the strings say). */
function summaryOf(facts: SummaryFacts, inputs: ChartInputs, lang: Lang): string {
  return summaryText(facts, inputs.templates.strings[lang]);
}

/**
 * A rendering into the cache (written whole, then renamed), with its compiler's warnings and, for a print
 * rendering, its summary's facts beside it (written before the SVG: a cached SVG has them).
 */
function store(cached: string, svg: string, warnings: string[], facts?: SummaryFacts): void {
  mkdirSync(path.dirname(cached), { recursive: true });
  // (renamed into place, as the SVG: another build of the report may be reading it, and JSON cut short is an error)
  const beside = (ext: string, value: unknown) => {
    const file = cached.replace(/\.svg$/, ext);
    writeFileSync(`${file}.${process.pid}-${threadId}.tmp`, JSON.stringify(value));
    renameSync(`${file}.${process.pid}-${threadId}.tmp`, file);
  };
  if (warnings.length) beside('.warnings.json', warnings);
  if (facts) beside('.summary.json', facts);
  const tmp = `${cached}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, svg);
  renameSync(tmp, cached);
}
