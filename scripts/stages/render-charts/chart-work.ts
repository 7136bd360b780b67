import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import type { Rule, Place, Severity } from '../../diagnostics/catalogue.js';
import type { Dataset, Figure, ReportData } from '../../model/data.js';
import type { Templates } from '../../model/templates.js';
import { chartKey } from '../../model/charts.js';
import { lineOf } from '../../sources/positions.js';
import { textMeasure } from '../../fonts/text-measure.js';
import { chartRows, checkSpec, localize } from './chart-spec.js';
import { chartVariants, type ChartVariant } from './variants.js';
import { dropContainerRoles } from './mark-text.js';
import { svgInNode } from './vega-svg.js';

/** Bump when the SVG changes for the same spec. */
const RENDERER_VERSION = 'vega-6|node-1';

/** A diagnostic to report when the stage's results are taken (the arguments of Diagnostics.report). */
export type Note = [rule: Rule, place: Place, args: string[], hintArgs: string[], severity?: Severity];

/** One chart of one edition: its renderings by key (print, narrow) and what to report about it. */
export interface EditionChart {
  /** Problems of the spec itself, the same in every edition: reported once. */
  specProblems: Note[];
  /** Its compiler's warnings (each once), or the error that stopped it. */
  notes: Note[];
  svgs: [key: string, svg: string][];
  /** Renderings made now (not taken from the cache). */
  rendered: number;
}

/** The charts of a build, being rendered: each by chartKey(lang, figure id), and all of them. */
export interface ChartWork {
  charts: Map<string, Promise<EditionChart | undefined>>;
  /** Settles when every chart has; rejects with the first failure. */
  done: Promise<void>;
}

/**
 * Every charted figure of `data` in each of `langs`, in its print and narrow
 * layouts, rendered in Node (vega-svg.ts) as soon as the data and templates
 * are loaded: it needs neither the browser nor the chapters, so it runs while
 * the chapters load and the browser starts, and each chart's downloads can be
 * drawn in Chromium while the next is rendered. Renderings are cached in
 * <cache>/charts by a hash of the spec as compiled (spec, data, theme,
 * language): a cached chart is not even compiled. Nothing is reported here;
 * renderCharts reports the notes in the order of the charts the editions
 * place. The work stops early once the build has errors (it will fail).
 */
export function startCharts(ctx: BuildContext, data: ReportData, templates: Templates, langs: Lang[]): ChartWork {
  const todo = langs.flatMap((lang) => [...data.figures.values()].map((figure) => ({ lang, figure, ...settlers<EditionChart | undefined>() })));
  const charts = new Map(todo.map((t) => [chartKey(t.lang, t.figure.id), t.promise]));
  const done = (async () => {
    for (const [i, t] of todo.entries()) {
      if (ctx.diagnostics.errors.length) {
        for (const rest of todo.slice(i)) rest.resolve(undefined);
        return;
      }
      try {
        t.resolve(await editionChart(ctx, data, templates, t.lang, t.figure));
      } catch (e) {
        for (const rest of todo.slice(i)) rest.reject(e);
        throw e;
      }
      // Let the event loop run (the browser's messages, a download being drawn) between charts.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  // A build that fails before it takes the charts leaves them unread.
  for (const p of [done, ...charts.values()]) p.catch(() => undefined);
  return { charts, done };
}

function settlers<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The Vega-Lite specs of a figure's renderings in one edition: its data and the theme in the edition's language. */
export function figureVariants(figure: Figure, ds: Dataset, lang: Lang, templates: Templates): ChartVariant[] {
  const theme = localize(templates.chartTheme, lang);
  const spec = localize({ ...figure.spec, datasets: { [ds.id]: chartRows(ds, lang) }, config: { ...theme, ...(figure.spec?.config as object) } }, lang);
  return chartVariants(spec, ds, lang, chartKey(lang, figure.id), templates.strings[lang]);
}

async function editionChart(ctx: BuildContext, data: ReportData, templates: Templates, lang: Lang, figure: Figure): Promise<EditionChart | undefined> {
  const ds = figure.dataset ? data.datasets.get(figure.dataset) : undefined;
  const file = figure.chart;
  if (!figure.spec || !ds || !file) return undefined;
  const out: EditionChart = { specProblems: [], notes: [], svgs: [], rendered: 0 };
  const problems = checkSpec(figure.spec, ds);
  if (problems.length) {
    const text = readFileSync(path.join(ctx.root, file), 'utf8');
    out.specProblems = problems.map((p) => [p.rule, lineOf(text, p.needle, file), p.args, p.hintArgs ?? []]);
    return out;
  }
  const dir = path.join(ctx.cacheDir, 'charts');
  const at = { file, line: 1, column: 1 };
  const warned = new Set<string>();
  for (const variant of figureVariants(figure, ds, lang, templates)) {
    // The print layout's warnings are the spec's own; the narrow layout adds only those of its own, saying so.
    const say = (w: string) => (variant.narrow ? `phone layout: ${w}` : w);
    const warn = (w: string) => {
      if (!warned.has(w)) out.notes.push(['chart-spec', at, [say(w)], [], 'warning']);
      warned.add(w);
    };
    // Keyed by the spec as written plus its data, theme and language: a cached chart is not even compiled.
    const hash = createHash('sha256').update(RENDERER_VERSION).update(JSON.stringify(variant.spec)).digest('hex').slice(0, 24);
    const cached = path.join(dir, `${hash}.svg`);
    const warningsFile = path.join(dir, `${hash}.warnings.json`);
    if (existsSync(cached)) {
      const warnings = existsSync(warningsFile) ? (JSON.parse(readFileSync(warningsFile, 'utf8')) as string[]) : [];
      warnings.forEach(warn);
      out.svgs.push([variant.key, readFileSync(cached, 'utf8')]);
      continue;
    }
    let vg: unknown;
    const warnings: string[] = [];
    try {
      const logger = { level() { return logger; }, warn: (...a: unknown[]) => void warnings.push(a.join(' ')), info() {}, debug() {}, error: (...a: unknown[]) => void warnings.push(a.join(' ')) };
      const { compile } = await import('vega-lite'); // loaded only when a chart is not in the cache
      vg = compile(variant.spec as never, { logger: logger as never }).spec;
      warnings.forEach(warn);
    } catch (e) {
      // A spec that does not compile is reported once, for its print layout.
      out.notes.push(['chart-spec', at, [say((e as Error).message)], []]);
      break;
    }
    const svg = dropContainerRoles(await svgInNode(textMeasure(ctx), vg, variant.narrow ? Number(variant.spec.width) : undefined));
    mkdirSync(dir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, svg);
    if (warnings.length) writeFileSync(warningsFile, JSON.stringify(warnings));
    renameSync(tmp, cached);
    out.svgs.push([variant.key, svg]);
    out.rendered++;
  }
  return out;
}
