import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildContext, Lang } from '../../context.js';
import type { Figure, ReportData } from '../../model/data.js';
import type { Templates } from '../../model/templates.js';
import { allFaces, editionFamilies, fontFaceCss } from '../../fonts/catalogue.js';
import { type BuildPage, closePages, openPages } from '../../browser/page-pool.js';
import { chartKey, downloadPngKey, downloadSvgKey, type ChartTexts } from '../../model/charts.js';
import { chartDownloads } from './downloads.js';
import type { Frame } from './compose-page.js';
import { startCharts, type ChartWork } from './chart-work.js';

export { startCharts, type ChartWork } from './chart-work.js';

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
 * rendered). Reports each placed chart's problems in the order of `jobs`.
 * Returns the texts of model/charts.ts; `rendered` counts renderings not
 * taken from the cache.
 */
export async function renderCharts(ctx: BuildContext, jobs: ChartJob[], data: ReportData, templates: Templates, pages?: Promise<BuildPage[]>, work?: ChartWork): Promise<{ svgs: ChartTexts; rendered: number }> {
  const started = work ?? startCharts(ctx, data, templates, [...new Set(jobs.map((j) => j.lang))]);
  let own: Promise<BuildPage[]> | undefined;
  // Pages are opened only for downloads that are not in the cache.
  const ready = () => pages ?? (own ??= openChartPages(ctx));
  try {
    const wanted = jobs.flatMap(({ lang, figure, frame }) => {
      const key = chartKey(lang, figure.id);
      const chart = started.charts.get(key);
      return chart && frame ? [{ key, lang, frame, svg: chart.then((c) => c?.svgs.find(([k]) => k === key)?.[1]) }] : [];
    });
    const downloads = chartDownloads(ctx, wanted, ready);
    downloads.catch(() => undefined);
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
      rendered += chart.rendered;
    }
    for (const [key, d] of await downloads) {
      svgs.set(downloadSvgKey(key), d.svg);
      svgs.set(downloadPngKey(key), Buffer.from(d.png).toString('base64'));
    }
    return { svgs, rendered };
  } finally {
    if (own) await closePages(own);
  }
}

/**
 * The pages a build draws its chart downloads on and then prints its PDFs on:
 * the chart host (the bundled fonts, from a file:// page so that they may load
 * from node_modules) loaded in each. A build that prints opens them at its
 * start, while Markdown and data are read.
 */
export function openChartPages(ctx: BuildContext, count = 2): Promise<BuildPage[]> {
  const dir = path.join(ctx.cacheDir, 'charts');
  const faces = allFaces(ctx.session.fontFaces, ctx.packageDir, [...new Set([...editionFamilies.zh.sans, ...editionFamilies.en.sans])]);
  const css = fontFaceCss(faces, (f) => pathToFileURL(f.file).href);
  const html = `<!doctype html><meta charset="utf-8"><style>${css}</style><body></body>`;
  return openPages(ctx, { count, html, hostDir: dir, allowedDirs: [path.join(ctx.packageDir, 'node_modules'), dir] });
}
