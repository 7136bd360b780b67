import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { DEFAULT_BROWSER_TIMEOUT_S, newSession, type BuildContext, type Lang, type Session } from './context.js';
import { BuildFailed, type Diagnostic } from './diagnostics/catalogue.js';
import { Diagnostics } from './diagnostics/collector.js';
import { loadConfig } from './stages/load-config.js';
import type { ReportConfig } from './model/config.js';
import { loadTemplates } from './stages/load-templates/index.js';
import type { Templates } from './model/templates.js';
import { loadData } from './stages/load-data/index.js';
import type { ReportData } from './model/data.js';
import { loadContent } from './stages/load-content.js';
import type { Chapter } from './model/content.js';
import { renderMarkdown } from './stages/render-markdown/index.js';
import type { RenderedEdition, EditionHtml } from './model/edition.js';
import { renderCharts, openChartPages, startCharts, type ChartWork } from './stages/render-charts/index.js';
import { DOWNLOAD_PAGES } from './stages/render-charts/downloads.js';
import { chartJobs } from './stages/render-charts/jobs.js';
import { closePages, type BuildPage } from './browser/page-pool.js';
import { applyTemplates } from './stages/apply-templates/index.js';
import { checkParity } from './stages/check-parity.js';
import { alignTranslation } from './stages/align-translation/index.js';
import type { Alignment } from './model/alignment.js';
import { reviewPage } from './stages/review-page/index.js';
import { editionFonts as fontsForEdition, pageFonts, type FontMode } from './fonts/edition-fonts.js';
import { printPdf, pdfFileName, type PdfOutput } from './stages/print-pdf/index.js';
import { startStaging, writeFile, writeLater, writeFonts, copyFile, carryOver, commit, discard, type Staging } from './stages/write-output.js';
import { languageChooser } from './stages/apply-templates/language-chooser.js';
import { hashBytes, hashTree } from './incremental/inputs-hash.js';
import { writeRecord, type BuildRecord } from './incremental/build-record.js';
import { cached, type DevCache } from './incremental/dev-cache.js';
import { prefetchFonts, type EditionFonts } from './fonts/subset.js';
import { pdfKey, previousOutput } from './incremental/reuse.js';
import type { Changes } from './stages/report-changes/index.js';
import { reportChanges } from './stages/report-changes/index.js';
import type { ValueRecord } from './model/changes.js';
import type { PrintedEdition } from './stages/report-changes/index.js';

export interface BuildOptions {
  root: string;
  outDir: string;
  packageDir: string;
  cacheDir: string;
  langs?: Lang[];
  formats: ('html' | 'pdf')[];
  strict: boolean;
  /** Seconds since the epoch for the PDF creation date (SOURCE_DATE_EPOCH); else the report's date. */
  sourceDateEpoch?: number;
  browser: () => Promise<Browser>;
  log: (line: string) => void;
  /** `slices` (dev mode): ship the fonts' own slices instead of subsetting them. */
  fonts?: FontMode;
  /** HTML-only builds (dev mode): keep the previous PDFs instead of dropping them. */
  keepPdfs?: boolean;
  /** Results kept between builds of one process (dev mode), by a hash of what they were made from. */
  devCache?: DevCache;
  /** Aborting it stops the build (its PDF pages are closed) and leaves the output as it was. */
  signal?: AbortSignal;
  /** The last successful build of this output (to reuse unchanged PDFs and guess TOC pages). */
  previous?: BuildRecord;
  /** The value record to report changes against (dev mode: the last rebuild's); default: the last build's record. */
  lastValues?: ValueRecord;
  /** Milliseconds any one browser operation may take (default: DEFAULT_BROWSER_TIMEOUT_S). */
  browserTimeoutMs?: number;
  /** Caches kept across builds of one process; a build without one gets its own. */
  session?: Session;
  /** Where to record this build, and the hash of its inputs. */
  manifest?: { file: string; inputs: string };
}

export interface BuildResult {
  /** What the data changed since the last build (its record, summary lines and review page). */
  changes: Changes;
  diagnostics: Diagnostic[];
  config: ReportConfig;
  editions: { lang: Lang; html: EditionHtml; pdf?: PdfOutput }[];
  chartsRendered: number;
  timings: Record<string, number>;
}

/** Everything up to the HTML, in memory: what `check` and `build` share. */
export interface Prepared {
  ctx: BuildContext;
  config: ReportConfig;
  templates: Templates;
  data: ReportData;
  chapters: Record<Lang, Chapter[]>;
  rendered: Record<Lang, RenderedEdition>;
  /** Per edition, a hash of what its rendering was made from (dev mode only). */
  renderKeys: Partial<Record<Lang, string>>;
  alignment: Alignment;
}

/** The context the stages receive, from the options the caller gave. */
function contextFor(opts: BuildOptions, diagnostics: Diagnostics): BuildContext {
  return {
    root: opts.root,
    packageDir: opts.packageDir,
    diagnostics,
    log: opts.log,
    cacheDir: opts.cacheDir,
    browser: opts.browser,
    browserTimeoutMs: opts.browserTimeoutMs ?? DEFAULT_BROWSER_TIMEOUT_S * 1000,
    session: opts.session ?? newSession(),
  };
}

function timer(log: (l: string) => void, timings: Record<string, number>) {
  return async <T>(stage: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    const ms = Math.round(performance.now() - t0);
    timings[stage] = (timings[stage] ?? 0) + ms;
    log(`${stage.padEnd(18)} ${String(ms).padStart(6)} ms`);
    return out;
  };
}

/** Load and render every language (parity needs both), stopping at the first stage with errors; `loaded` sees the data first. */
export async function prepare(opts: BuildOptions, timings: Record<string, number> = {}, loaded?: (ctx: BuildContext, config: ReportConfig, templates: Templates, data: ReportData) => void): Promise<Prepared> {
  const diagnostics = new Diagnostics();
  const ctx = contextFor(opts, diagnostics);
  const stage = timer(opts.log, timings);
  const fail = () => {
    if (diagnostics.errors.length) throw new BuildFailed(diagnostics.list);
  };
  const config = await stage('load-config', () => loadConfig(ctx));
  fail();
  if (!config) throw new BuildFailed(diagnostics.list);
  const templates = await stage('load-templates', () => cached(opts.devCache, diagnostics, 'load-templates', () => hashBytes(JSON.stringify([hashTree(path.join(opts.root, 'templates')), hashTree(path.join(opts.packageDir, 'theme')), config.languages])), () => loadTemplates(ctx, config.languages)));
  const dataStamp = opts.devCache ? hashBytes(JSON.stringify(hashTree(path.join(opts.root, 'data')))) : '';
  const data = await stage('load-data', () => cached(opts.devCache, diagnostics, 'load-data', () => dataStamp, () => loadData(ctx)));
  if (templates && !diagnostics.errors.length) loaded?.(ctx, config, templates, data);
  const chapters = await stage('load-content', () => Object.fromEntries(config.languages.map((l) => [l, loadContent(ctx, l)])) as Record<Lang, Chapter[]>);
  fail();
  const rendered = await stage('render-markdown', async () => {
    const out = {} as Record<Lang, RenderedEdition>;
    for (const l of config.languages) {
      // Trees are changed in place later (slots filled, anchors added): a kept edition is handed out as a copy.
      out[l] = await cached(opts.devCache, diagnostics, `render-markdown|${l}`, () => renderKey(l), () => renderMarkdown(ctx, l, chapters[l], data, templates!.strings[l]), (e) => structuredClone(e));
    }
    return out;
  });
  fail();
  /** What an edition's rendering depends on (dev mode's cache key). */
  function renderKey(l: Lang): string {
    return hashBytes(JSON.stringify([chapters[l], templates!.strings[l], dataStamp]));
  }
  await stage('check-parity', () => checkParity(ctx, config, chapters, rendered, data));
  const alignment = await stage('align-translation', () => alignTranslation(ctx, config, chapters, data, opts.devCache));
  if (opts.strict) diagnostics.strict();
  fail();
  const renderKeys = opts.devCache ? Object.fromEntries(config.languages.map((l) => [l, renderKey(l)])) : {};
  return { ctx, config, templates: templates!, data, chapters, rendered, renderKeys, alignment };
}

/*
 * The pipeline:
 *   load-config → load-templates → load-data → load-content (per language)
 *   → render-markdown (per language) → check-parity → align-translation (each unit against its source; dev mode keeps each chapter's)
 *   → render-charts (in Node from load-data on, in a worker thread where there are 2 cores: all languages, print and phone layouts, cached by
 *     content hash; downloads drawn on two browser pages opened at the start, while the build goes on, and written to staging when drawn)
 *   → apply-templates (per language) → edition fonts (subset to the characters used)
 *   → write to staging (and review-page: both editions unit by unit) → print-pdf (both editions at once, on two more pages; an edition whose
 *     HTML did not change keeps its PDF) → swap staging into place, once every download is written → record the build (incremental/build-record.ts)
 */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  // Printing needs the browser anyway: start it, and open the pages that draw the chart downloads and those
  // that print (one per edition), while the Markdown and data are read. The downloads are drawn while the
  // pages are written and printed.
  opts = { ...opts, session: opts.session ?? newSession() };
  const early = contextFor(opts, new Diagnostics());
  const pages = opts.formats.includes('pdf') ? { draw: openChartPages(early, DOWNLOAD_PAGES), print: openChartPages(early, 2) } : undefined;
  pages?.draw.catch(() => undefined);
  pages?.print.catch(() => undefined);
  try {
    return await buildWith(opts, timings, pages);
  } finally {
    if (pages) await Promise.all([closePages(pages.draw), closePages(pages.print)]);
  }
}

async function buildWith(opts: BuildOptions, timings: Record<string, number>, pages: { draw: Promise<BuildPage[]>; print: Promise<BuildPage[]> } | undefined): Promise<BuildResult> {
  const stage = timer(opts.log, timings);
  let charts: ChartWork | undefined; // rendered in Node from the data, while the chapters load and the browser starts
  const prep = await prepare(opts, timings, (c, config, t, data) => void (charts = startCharts(c, data, t, config.languages.filter((l) => !opts.langs || opts.langs.includes(l)), { threads: !opts.devCache })));
  const { ctx, config, templates, data, rendered } = prep;
  const langs = (opts.langs ?? config.languages).filter((l) => config.languages.includes(l));
  if (opts.fonts !== 'slices') prefetchFonts(ctx, langs);
  const { svgs, downloads, rendered: chartsRendered } = await stage('render-charts', () => renderCharts(ctx, chartJobs(langs, rendered, data, config, templates), data, templates, pages?.draw, charts));
  const pending = [...data.figures.values()].filter((f) => !f.spec).map((f) => f.id);
  if (pending.length) ctx.diagnostics.report('pending-figure', data.figures.get(pending[0]!)!.at, [pending.join(', ')], [], opts.strict ? 'error' : 'warning');
  if (ctx.diagnostics.errors.length) throw new BuildFailed(ctx.diagnostics.list);

  const chooser = languageChooser(config, templates);
  const staging = startStaging(opts.outDir);
  try {
    const editions: BuildResult['editions'] = [];
    for (const lang of langs) {
      const others = config.languages.filter((l) => l !== lang).map((l) => ({ lang: l, name: templates.strings[l].languageName, href: `../${l}/index.html` }));
      const pdfName = pdfFileName(config.id, lang);
      const alsoServes = lang === langs[0] ? chooser : '';
      const editionKey = () => hashBytes(JSON.stringify([prep.renderKeys[lang], [...svgs].filter(([k]) => k.startsWith(`${lang}|`)), config, templates, alsoServes, opts.fonts]));
      const made = await cached(opts.devCache, ctx.diagnostics, `edition|${lang}`, editionKey, async () => {
        const html = await stage('apply-templates', () => applyTemplates(ctx, rendered[lang], config, data, templates, svgs, { others, pdfHref: pdfName }, downloads));
        return html && { html, fonts: await stage('edition-fonts', () => fontsOf(ctx, lang, html, templates, config, alsoServes, opts.fonts)) };
      });
      if (!made) throw new BuildFailed(ctx.diagnostics.list);
      const { html } = made;
      await stage('write-html', () => writeEdition(ctx, staging, lang, html, made.fonts, templates, data));
      editions.push({ lang, html });
    }
    if (ctx.diagnostics.errors.length) throw new BuildFailed(ctx.diagnostics.list);
    writeFile(staging, 'index.html', chooser);
    const sourceBase = path.relative(path.join(opts.outDir, 'review'), opts.root).split(path.sep).join('/');
    await stage('review-page', async () => {
      const review = reviewPage({ alignment: prep.alignment, config, data, rendered, strings: templates.strings, sourceBase });
      writeFile(staging, 'review/index.html', review);
      writeFonts(staging, 'review', await pageFonts(ctx, review, opts.fonts));
    });
    const printed: BuildRecord['editions'] = {};
    if (opts.formats.includes('pdf')) {
      const date = opts.sourceDateEpoch !== undefined ? new Date(opts.sourceDateEpoch * 1000) : new Date(`${config.date}T00:00:00Z`);
      // Both editions print at once: Chromium lays each out in its own renderer process.
      await stage('print-pdf', () =>
        Promise.all(
          editions.map(async (e, i) => {
            const file = pdfFileName(config.id, e.lang);
            const key = pdfKey(path.join(staging.dir, e.lang), config.editions[e.lang], date);
            const last = opts.previous?.editions[e.lang];
            const reuse = last?.pdfKey === key && last.pdfFile === file ? previousOutput(opts.previous, opts.outDir, `${e.lang}/${file}`) : undefined;
            if (reuse) {
              writeFile(staging, `${e.lang}/${file}`, reuse);
              printed[e.lang] = last!;
              opts.log(`print-pdf          ${e.lang}: unchanged, kept`);
              return;
            }
            e.pdf = await printPdf(ctx, {
              lang: e.lang,
              htmlPath: path.join(staging.dir, e.lang, 'index.html'),
              meta: config.editions[e.lang],
              date,
              allowedDirs: [path.join(staging.dir, e.lang)],
              guess: last,
              signal: opts.signal,
              headings: e.html.headings,
            }, (await pages?.print)?.[i]);
            opts.log(`print-pdf          ${e.lang}: ${e.pdf.pages} pages, ${e.pdf.passes} pass(es)`);
            writeFile(staging, `${e.lang}/${file}`, e.pdf.bytes);
            printed[e.lang] = { pdfKey: key, pdfFile: file, tocPages: e.pdf.tocPages, floats: e.pdf.floats };
          }),
        ),
      );
    } else if (opts.keepPdfs) {
      for (const e of editions) carryOver(staging, `${e.lang}/${pdfFileName(config.id, e.lang)}`);
    }
    if (ctx.diagnostics.errors.length) throw new BuildFailed(ctx.diagnostics.list);
    const changes = await stage('report-changes', () => reportChanges(ctx, { langs, data, chapters: prep.chapters, rendered, svgs, previous: opts.lastValues ?? opts.previous?.values, printed: editions.map((e) => editionPdfs(opts, e, printed[e.lang])) }));
    writeFile(staging, 'changes.html', changes.html);
    opts.signal?.throwIfAborted();
    for (const l of config.languages) if (!langs.includes(l)) carryOver(staging, l);
    await stage('write-output', () => commit(staging, ctx.session.background));
    if (opts.manifest) {
      const editionsKept = { ...(opts.previous?.editions ?? {}), ...printed };
      writeRecord(opts.manifest.file, { inputs: opts.manifest.inputs, outputs: hashTree(opts.outDir), diagnostics: ctx.diagnostics.list, editions: editionsKept, values: changes.record });
    }
    return { diagnostics: ctx.diagnostics.list, config, editions, chartsRendered, timings, changes };
  } catch (e) {
    discard(staging);
    throw e;
  }
}

/** The edition's fonts. `alsoServes`: other text set in them (the language chooser uses the first edition's). */
function fontsOf(ctx: BuildContext, lang: Lang, html: EditionHtml, templates: Templates, config: ReportConfig, alsoServes: string, fonts?: FontMode): Promise<EditionFonts> {
  const strings = templates.strings[lang];
  const extraText = [strings.pageBefore, strings.pageMiddle, strings.pageAfter, config.editions[lang].shortTitle, '0123456789', alsoServes];
  return fontsForEdition(ctx, lang, html.html, extraText.join(''), fonts);
}

function writeEdition(ctx: BuildContext, staging: Staging, lang: Lang, html: EditionHtml, fonts: EditionFonts, templates: Templates, data: ReportData): void {
  writeFile(staging, `${lang}/index.html`, html.html);
  writeFile(staging, `${lang}/assets/report.css`, templates.css);
  writeFile(staging, `${lang}/assets/print.css`, templates.printCss);
  writeFonts(staging, lang, fonts);
  for (const f of html.files) writeLater(staging, `${lang}/${f.path}`, f.content);
  for (const id of html.datasets) {
    const ds = data.datasets.get(id)!;
    copyFile(staging, `${lang}/data/${id}.csv`, path.join(ctx.root, ds.file));
  }
}

/** An edition's PDF now and in the last build (a kept PDF is the last one), for the change report. */
function editionPdfs(opts: BuildOptions, e: BuildResult['editions'][number], now: BuildRecord['editions'][string] | undefined): PrintedEdition {
  const last = opts.previous?.editions[e.lang];
  const lastPdf = last ? previousOutput(opts.previous, opts.outDir, `${e.lang}/${last.pdfFile}`) : undefined;
  return { lang: e.lang, pdf: e.pdf?.bytes ?? (now ? lastPdf : undefined), lastPdf, tocPages: now?.tocPages ?? {}, lastTocPages: last?.tocPages, headings: e.html.headings.map((h) => h.id) };
}
