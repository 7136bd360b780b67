import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BuildContext, Lang } from '../../context.js';
import type { Figure, ReportData } from '../../model/data.js';
import { jsonPlace } from '../../sources/json.js';
import { templateFile, type Templates } from '../../model/templates.js';
import { chartRows, checkData, checkFields, checkI18n, checkSchema, expressionProblem, localize, withoutComments, type SpecProblem } from './chart-spec.js';
import { neutralOrder } from './domains.js';
import { allFaces, editionFamilies, fontFaceCss } from '../../fonts/catalogue.js';
import { type BuildPage, closePages, openPages } from '../../browser/page-pool.js';
import { chartKey, downloadPngKey, downloadSvgKey, type ChartTexts } from '../../model/charts.js';
import { chartVariants } from './variants.js';
import { dropContainerRoles } from './mark-text.js';
import { svgOnPage } from './page-render.js';
import { chartDownloads } from './downloads.js';
import type { Frame } from './compose-page.js';
import { bestProblem } from '../../sources/vega-lite-schema.js';

export interface ChartJob {
  lang: Lang;
  figure: Figure;
  /** What the chart's download shows around it (jobs.ts); without it, the chart has no download. */
  frame?: Frame;
}

const RENDERER_VERSION = 'vega-6|3';

/**
 * Stage 5: Vega-Lite specs → static SVG, in Chromium after the bundled fonts
 * have loaded (so Vega measures text with the real font): each chart in its
 * print layout and, for the web, its narrow (phone) layout (variants.ts), then
 * its downloads (downloads.ts). Keyed by a hash of the spec, its data, theme
 * and language: an unchanged chart is never rendered again.
 * Returns the texts of model/charts.ts; `rendered` counts cache misses.
 */
export async function renderCharts(ctx: BuildContext, jobs: ChartJob[], data: ReportData, templates: Templates, pages?: Promise<BuildPage[]>): Promise<{ svgs: ChartTexts; rendered: number }> {
  const svgs: ChartTexts = new Map();
  const todo: { key: string; hash: string; vg: unknown; text: string; warnings: string[]; fitWidth?: number; chart: string }[] = [];
  const dir = path.join(ctx.cacheDir, 'charts');
  const reported = new Set<string>();
  const checkedTheme = new Map<Lang, boolean>();
  for (const { lang, figure } of jobs) {
    const ds = figure.dataset ? data.datasets.get(figure.dataset) : undefined;
    if (!figure.spec || !ds || !figure.chart) continue;
    // The spec is shared by the editions: its problems are reported once, where they are in its file.
    const chart = figure.chart;
    const report = (problems: SpecProblem[], key = figure.id, file = chart) => {
      let text = '';
      try {
        text = readFileSync(path.join(ctx.root, file), 'utf8');
      } catch {
        // (gone meanwhile: the problem is still reported, at the top of the file)
      }
      if (!reported.has(key)) for (const p of problems) ctx.diagnostics.report(p.rule, jsonPlace(text, file, p.path, p.key), p.args, p.hintArgs ?? []);
      reported.add(key);
    };
    const problems = [...checkI18n(figure.spec), ...checkData(figure.spec), ...checkFields(figure.spec, ds)];
    if (problems.length) {
      report(problems);
      continue;
    }
    const theme = localize(templates.chartTheme, lang);
    // Labels are only displayed: colours and orders follow the codes, the same in every edition (domains.ts).
    const spec = neutralOrder(localize({ ...figure.spec, datasets: { [ds.id]: chartRows(ds, lang) }, config: { ...theme, ...(figure.spec.config as object) } }, lang), ds, lang);
    const at = { file: figure.chart, line: 1, column: 1 };
    const warned = new Set<string>();
    const schemaValid = (lang: Lang, theme: object): boolean => {
      const validators = ctx.session.schemas.vegaLite(ctx.packageDir);
      const invalid = checkSchema(localize(figure.spec!, lang), validators);
      if (invalid.length) {
        report(invalid);
        return false;
      }
      if (!checkedTheme.has(lang)) {
        // `narrow` is this pipeline's own: the phone layout's settings (narrow-spec.ts), not Vega-Lite's.
        const config = withoutComments(Object.fromEntries(Object.entries(theme).filter(([k]) => k !== 'narrow')));
        checkedTheme.set(lang, validators.config(config));
        const best = bestProblem(validators.config.errors ?? [], config);
        const themeFile = templateFile(templates, 'chart-theme.json');
        if (best) report([{ rule: 'chart-spec', args: [`the chart theme: ${best.message}`], hintArgs: ['the theme is a Vega-Lite config; see https://vega.github.io/vega-lite/docs/config.html'], path: best.path, key: best.key }], 'theme', themeFile);
      }
      return checkedTheme.get(lang)!;
    };
    let valid: boolean | undefined;
    for (const variant of chartVariants(spec, ds, lang, chartKey(lang, figure.id), templates.strings[lang])) {
      // The print layout's warnings are the spec's own; the narrow layout adds only those of its own, saying so.
      const say = (w: string) => (variant.narrow ? `phone layout: ${w}` : w);
      const warn = (w: string) => {
        if (!warned.has(w)) ctx.diagnostics.report('chart-spec', at, [say(w)], [], 'warning');
        warned.add(w);
      };
      // Keyed by the spec as written plus its data, theme and language: a cached chart is not even compiled.
      const hash = createHash('sha256').update(RENDERER_VERSION).update(JSON.stringify(variant.spec)).digest('hex').slice(0, 24);
      const cached = path.join(dir, `${hash}.svg`);
      const warningsFile = path.join(dir, `${hash}.warnings.json`);
      if (existsSync(cached)) {
        const warnings = existsSync(warningsFile) ? (JSON.parse(readFileSync(warningsFile, 'utf8')) as string[]) : [];
        warnings.forEach(warn);
        svgs.set(variant.key, readFileSync(cached, 'utf8'));
        continue;
      }
      // Not rendered before: the spec is checked against Vega-Lite's own schema first (compiled once per session), the theme too.
      if (!(valid ??= schemaValid(lang, theme))) break;
      let vg: unknown;
      const warnings: string[] = [];
      try {
        const logger = { level() { return logger; }, warn: (...a: unknown[]) => void warnings.push(a.join(' ')), info() {}, debug() {}, error: (...a: unknown[]) => void warnings.push(a.join(' ')) };
        const { compile } = await import('vega-lite'); // loaded only when a chart is not in the cache
        vg = compile(variant.spec as never, { logger: logger as never }).spec;
        warnings.forEach(warn);
      } catch (e) {
        // A spec that does not compile is reported once, for its print layout (most often a malformed
        // expression: Vega's parser finds which, and the spec's place).
        const { parseExpression } = await import('vega');
        const bad = expressionProblem(localize(figure.spec, lang), parseExpression);
        if (bad) report([bad]);
        else ctx.diagnostics.report('chart-spec', at, [say((e as Error).message)]);
        break;
      }
      todo.push({ key: variant.key, hash, vg, text: textIn(variant.spec), warnings, chart, fitWidth: variant.narrow ? Number(variant.spec.width) : undefined });
    }
  }
  let own: Promise<BuildPage[]> | undefined;
  // Pages are opened only for work that is not in the cache.
  const ready = () => pages ?? (own ??= openChartPages(ctx));
  try {
    if (todo.length) {
      const open = await ready();
      // Two pages, two renderer processes: the charts render on both cores.
      const split = open.map((_, i) => todo.filter((__, j) => j % open.length === i));
      await Promise.all(
        open.map(async (buildPage, i) => {
          for (const job of split[i]!) {
            const out = await svgOnPage(buildPage.page, job.vg, job.text, job.fitWidth);
            if (out.svg === undefined) {
              // (a spec Vega-Lite compiled can still fail in Vega: an expression, a scale… — the spec's problem, not the browser's)
              ctx.diagnostics.report('chart-spec', { file: job.chart, line: 1, column: 1 }, [`Vega could not draw it: ${out.error}`]);
              continue;
            }
            const svg = dropContainerRoles(out.svg);
            const tmp = path.join(dir, `${job.hash}.svg.${process.pid}.tmp`);
            writeFileSync(tmp, svg);
            if (job.warnings.length) writeFileSync(path.join(dir, `${job.hash}.warnings.json`), JSON.stringify(job.warnings));
            renameSync(tmp, path.join(dir, `${job.hash}.svg`));
            svgs.set(job.key, svg);
          }
        }),
      );
    }
    const wanted = jobs.flatMap(({ lang, figure, frame }) => {
      const key = chartKey(lang, figure.id);
      const svg = svgs.get(key);
      return svg && frame ? [{ key, lang, svg, frame }] : [];
    });
    for (const [key, d] of await chartDownloads(ctx, wanted, ready)) {
      svgs.set(downloadSvgKey(key), d.svg);
      svgs.set(downloadPngKey(key), Buffer.from(d.png).toString('base64'));
    }
  } finally {
    if (own) await closePages(own);
  }
  return { svgs, rendered: todo.length };
}

/**
 * The pages a build renders its charts on and then prints its PDFs on: the
 * chart host (Vega and the bundled fonts, from a file:// page so that they may
 * load from node_modules) loaded in each. A build that prints opens them at
 * its start, while Markdown and data are read.
 */
export function openChartPages(ctx: BuildContext, count = 2): Promise<BuildPage[]> {
  const dir = path.join(ctx.cacheDir, 'charts');
  const vegaDir = path.join(ctx.packageDir, 'node_modules', 'vega', 'build');
  const faces = allFaces(ctx.session.fontFaces, ctx.packageDir, [...new Set([...editionFamilies.zh.sans, ...editionFamilies.en.sans])]);
  const css = fontFaceCss(faces, (f) => pathToFileURL(f.file).href);
  const html = `<!doctype html><meta charset="utf-8"><style>${css}</style><script src="${pathToFileURL(path.join(vegaDir, 'vega.min.js')).href}"></script><body></body>`;
  return openPages(ctx, { count, html, hostDir: dir, allowedDirs: [path.join(ctx.packageDir, 'node_modules'), dir] });
}

/** All the text a spec may print (for font loading). */
function textIn(spec: unknown): string {
  return JSON.stringify(spec).replace(/[{}[\]":,]/g, ' ') + '0123456789.%';
}
