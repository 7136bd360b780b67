import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildContext, Lang } from '../../context.js';
import type { Figure, ReportData } from '../../model/data.js';
import type { Templates } from '../../model/templates.js';
import { allFaces, editionFamilies, fontFaceCss } from '../../fonts/catalogue.js';
import { type BuildPage, closePages, openPages } from '../../browser/page-pool.js';
import { chartKey, summaryKey, type ChartDownloads, type ChartTexts } from '../../model/charts.js';
import { chartDownloads, DOWNLOAD_PAGES } from './downloads.js';
import type { Frame } from './compose.js';
import { startCharts, type ChartWork } from './chart-work.js';

export { startCharts, type ChartWork } from './chart-work.js';
export { chartJobs } from './jobs.js';
export { DOWNLOAD_PAGES } from './downloads.js';

export interface RenderChartsOptions {
  /** Pages opened by the build for the downloads (else, opened here when one is not in the cache). */
  pages?: Promise<BuildPage[]>;
  /** The charts the build started rendering as soon as the data was loaded. */
  work?: ChartWork;
  /** --strict: pending figures are errors. */
  strict?: boolean;
  /** Aborted when the build has failed or stopped: downloads not drawn yet are not drawn (no browser is started for them). */
  stop?: AbortSignal;
}

export interface ChartJob {
  lang: Lang;
  figure: Figure;
  /** What the chart's download shows around it (jobs.ts); without it, the chart has no download. */
  frame?: Frame;
}

/**
 * Stage 5: Vega-Lite specs → static SVG, each chart in its print layout and,
 * for the web, its narrow (phone) layout (variants.ts), rendered in Node with
 * the bundled fonts' measures (chart-work.ts, started by the build as soon as
 * the data is loaded — `work` —, or here); and the downloads of the charts
 * the editions place (downloads.ts, drawn in Chromium as each chart is
 * rendered, on `pages` — DOWNLOAD_PAGES of them —, or on pages of its own
 * opened when one is not in the cache). Reports each placed chart's problems
 * in the order of `jobs`. Returns the texts of model/charts.ts and the
 * downloads still being drawn (the build writes them when they are: it need
 * not wait for them to write the pages); `rendered` counts renderings not
 * taken from the cache.
 */
export async function renderCharts(
  ctx: BuildContext,
  jobs: ChartJob[],
  data: ReportData,
  templates: Templates,
  opts: RenderChartsOptions = {},
): Promise<{ svgs: ChartTexts; downloads: ChartDownloads; rendered: number }> {
  const { pages, work, strict = false, stop } = opts;
  const started = work ?? startCharts(ctx, data, templates, [...new Set(jobs.map((j) => j.lang))]);
  let own: Promise<BuildPage[]> | undefined;
  // Pages are opened only for downloads that are not in the cache, and never once the build has stopped.
  const ready = () => {
    stop?.throwIfAborted();
    return pages ?? (own ??= openChartPages(ctx, DOWNLOAD_PAGES));
  };
  const wanted = jobs.flatMap(({ lang, figure, frame }) => {
    const key = chartKey(lang, figure.id);
    const chart = started.charts.get(key);
    return chart && frame ? [{ key, lang, frame, svg: chart.then((c) => c?.svgs.find(([k]) => k === key)?.[1]) }] : [];
  });
  const drawing = chartDownloads(ctx, wanted, ready);
  // Pages of its own are closed once every download is drawn (the build waits for its background work).
  const drawn = Promise.allSettled(drawing.values()).then(() => (own ? closePages(own) : undefined));
  ctx.session.background.add(drawn);
  void drawn.then(() => ctx.session.background.delete(drawn)); // (dev mode's session lives on)
  // Nothing else to do here but wait: render charts that no thread has taken yet.
  await started.help();
  await started.done;
  const svgs: ChartTexts = new Map();
  const reported = new Set<string>();
  let rendered = 0;
  for (const { lang, figure } of jobs) {
    const chart = await started.charts.get(chartKey(lang, figure.id));
    if (!chart) continue;
    // The spec is shared by the editions (and the theme by the charts): each of their problems is reported once.
    for (const n of chart.specProblems) {
      const key = JSON.stringify(n);
      if (!reported.has(key)) ctx.diagnostics.report(...n);
      reported.add(key);
    }
    for (const n of chart.notes) ctx.diagnostics.report(...n);
    for (const [key, svg] of chart.svgs) svgs.set(key, svg);
    if (chart.summary) svgs.set(summaryKey(chartKey(lang, figure.id)), chart.summary);
    rendered += chart.rendered;
  }
  // A chart with a print rendering has its download (drawn from that rendering).
  const downloads: ChartDownloads = new Map();
  for (const [key, d] of drawing) if (svgs.has(key)) downloads.set(key, quiet(d.then((x) => x!)));
  reportPending(ctx, data, strict);
  return { svgs, downloads, rendered };
}

/** Figures declared without sourced data stay visibly pending: one warning naming them (an error with --strict). */
function reportPending(ctx: BuildContext, data: ReportData, strict: boolean): void {
  const pending = [...data.figures.values()].filter((f) => !f.spec);
  if (pending.length)
    ctx.diagnostics.report(
      'pending-figure',
      pending[0]!.at,
      [pending.map((f) => f.id).join(', ')],
      [],
      strict ? 'error' : 'warning',
    );
}

/** The promise, its failure left to whoever reads it (a build that fails first never does). */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * Pages with the chart host loaded (the bundled fonts, from a file:// page so
 * that they may load from node_modules): what a build draws its chart
 * downloads on, and prints its PDFs on. A build that prints opens both sets at
 * its start, while Markdown and data are read.
 */
export function openChartPages(ctx: BuildContext, count = 2): Promise<BuildPage[]> {
  const dir = path.join(ctx.cacheDir, 'charts');
  const faces = allFaces(ctx.session.fontFaces, ctx.packageDir, [
    ...new Set([...editionFamilies.zh.sans, ...editionFamilies.en.sans]),
  ]);
  const css = fontFaceCss(faces, (f) => pathToFileURL(f.file).href);
  const html = `<!doctype html><meta charset="utf-8"><style>${css}</style><body></body>`;
  return openPages(ctx, { count, html, hostDir: dir, allowedDirs: [path.join(ctx.packageDir, 'node_modules'), dir] });
}
