import path from 'node:path';
import { newSession, type BuildContext, type Lang } from './context.js';
import { BuildFailed } from './diagnostics/catalogue.js';
import { Diagnostics } from './diagnostics/collector.js';
import { closePages, type BuildPage } from './browser/page-pool.js';
import { pageFonts } from './fonts/edition-fonts.js';
import { prefetchFonts } from './fonts/subset.js';
import { writeRecord } from './incremental/build-record.js';
import { hashTree } from './incremental/inputs-hash.js';
import type { OutputFormat } from './outputs/format.js';
import { askedFor, keepUnmade, makeOutputs, mergeRecords, type OutputRecords } from './outputs/make-outputs.js';
import { pdfFileName } from './outputs/pdf/index.js';
import { resolveFormats } from './outputs/registry.js';
import { printedEditions } from './pipeline/changes.js';
import { editionPages, type EditionPage } from './pipeline/editions.js';
import type { BuildOptions, BuildResult } from './pipeline/options.js';
import { contextFor, prepare, type OnLoaded, type Prepared } from './pipeline/prepare.js';
import { timer, type StageTimer } from './pipeline/timer.js';
import { openBuildPages, type BuildPages } from './pipeline/build-pages.js';
import { writerFor } from './pipeline/staging-writer.js';
import { languageChooser } from './stages/apply-templates/index.js';
import { chartJobs, renderCharts, startCharts, type ChartWork } from './stages/render-charts/index.js';
import { reportChanges, type Changes } from './stages/report-changes/index.js';
import { reviewPage } from './stages/review-page/index.js';
import {
  carryOver,
  commit,
  discard,
  startStaging,
  writeFile,
  writeFonts,
  type Staging,
} from './stages/write-output.js';

export { prepare, type Prepared } from './pipeline/prepare.js';
export type { BuildOptions, BuildResult } from './pipeline/options.js';

/** The options of one build, with what `build()` adds: the signal that stops its chart downloads when it fails. */
type BuildRun = BuildOptions & { stopDownloads: AbortSignal };

/*
 * The pipeline:
 *   load-config → load-templates → load-data → load-content (per language)
 *   → render-markdown (per language) → check-parity → align-translation (each unit against its source; dev mode keeps each chapter's)
 *   → render-charts (in Node from load-data on, in a worker thread where there are 2 cores: all languages, print and
 *     phone layouts, cached by content hash with what each chart draws in words, the end of its alternate text;
 *     downloads drawn on browser pages opened at the start, while the build goes on, and written to staging when
 *     drawn)
 *   → apply-templates (per language) → edition fonts (subset to the characters used)
 *   → the output formats (outputs/registry.ts), each made from the editions into staging in order: html, then pdf (both editions at
 *     once, on pages opened at the start; an edition whose page did not change keeps its PDF), press (from the PDF, when
 *     report.yaml has press:), text…; the language chooser and
 *     review-page (both editions unit by unit)
 *   → report-changes → swap staging into place, once every download is written → record the build (incremental/build-record.ts)
 */
export async function build(opts: BuildOptions): Promise<BuildResult> {
  const { formats, unknown } = resolveFormats(opts.formats);
  if (unknown.length) throw new Error(`unknown output format(s): ${unknown.join(', ')}`);
  opts = { ...opts, session: opts.session ?? newSession() };
  // A format that needs the browser starts it: open its pages, and those that draw the chart downloads, while the
  // Markdown and data are read. The downloads are drawn while the pages are written and printed.
  const pages = openBuildPages(contextFor(opts, new Diagnostics()), formats);
  // A build that fails draws no more chart downloads: nothing would publish them (and a browser started for them
  // as the build ends can keep the process waiting on Puppeteer's timers).
  const stop = new AbortController();
  try {
    return await buildWith({ ...opts, stopDownloads: stop.signal }, formats, pages);
  } catch (e) {
    stop.abort();
    throw e;
  } finally {
    if (pages) await Promise.all([pages.draw, ...pages.byFormat.values()].map(closePages));
  }
}

async function buildWith(opts: BuildRun, formats: OutputFormat[], pages: BuildPages | undefined): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const stage = timer(opts.log, timings);
  let work: ChartWork | undefined; // rendered in Node from the data, while the chapters load and the browser starts
  const langsOf = (all: Lang[]) => (opts.langs ?? all).filter((l) => all.includes(l));
  const startWork: OnLoaded = (c, config, t, data) =>
    void (work = startCharts(c, data, t, langsOf(config.languages), { threads: !opts.devCache }));
  const prep = await prepare(opts, timings, startWork);
  const langs = langsOf(prep.config.languages);
  const wantTrees = formats.some((f) => f.trees && askedFor(prep.config, f, opts.formatsByDefault));
  const site = await sitePages(opts, prep, langs, { pages: pages?.draw, work }, wantTrees, stage);
  const staging = startStaging(opts.outDir, opts.root);
  try {
    const made = await writeOutputs(opts, prep, formats, site.editions, staging, pages, stage);
    await writeSite(opts, prep, site.chooser, staging, stage);
    failOnErrors(prep.ctx);
    const changes = await reportDataChanges(opts, prep, langs, site, made.records, staging, stage);
    opts.signal?.throwIfAborted();
    for (const l of prep.config.languages) if (!langs.includes(l)) carryOver(staging, l);
    await stage('write-output', () => commit(staging, prep.ctx.session.background));
    if (opts.manifest) recordBuild(opts, prep.ctx, made.records, changes);
    const editions = site.editions.map((e) => ({ lang: e.lang, html: e.html, outputs: made.made[e.lang] ?? {} }));
    return {
      diagnostics: prep.ctx.diagnostics.list,
      config: prep.config,
      editions,
      chartsRendered: site.charts.rendered,
      timings,
      changes,
    };
  } catch (e) {
    discard(staging);
    throw e;
  }
}

/** What the editions' pages are made of: the charts, the language chooser, each edition's HTML and fonts. */
interface SitePages {
  charts: Awaited<ReturnType<typeof renderCharts>>;
  chooser: string;
  editions: EditionPage[];
}

/** render-charts, then apply-templates and the fonts of each edition: the pages every format is made from. */
async function sitePages(
  opts: BuildRun,
  prep: Prepared,
  langs: Lang[],
  charting: { pages?: Promise<BuildPage[]>; work?: ChartWork },
  wantTrees: boolean,
  stage: StageTimer,
): Promise<SitePages> {
  const { ctx, config, templates, data, rendered } = prep;
  if (opts.fonts !== 'slices') prefetchFonts(ctx, langs);
  const jobs = chartJobs(langs, rendered, data, config, templates);
  const charts = await stage('render-charts', () =>
    renderCharts(ctx, jobs, data, templates, { ...charting, strict: opts.strict, stop: opts.stopDownloads }),
  );
  failOnErrors(ctx);
  const chooser = languageChooser(config, templates);
  const input = {
    langs,
    config,
    templates,
    data,
    rendered,
    renderKeys: prep.renderKeys,
    charts,
    chooser,
    pdfHref: (l: Lang) => pdfFileName(config.id, l),
    wantTrees,
  };
  const editions = await editionPages(ctx, opts, input, stage);
  if (!editions) throw new BuildFailed(ctx.diagnostics.list);
  failOnErrors(ctx);
  return { charts, chooser, editions };
}

/** report-changes: what the data changed since the last build, with the pages of the PDFs that print it; dist/changes.html. */
async function reportDataChanges(
  opts: BuildRun,
  prep: Prepared,
  langs: Lang[],
  site: SitePages,
  records: OutputRecords,
  staging: Staging,
  stage: StageTimer,
): Promise<Changes> {
  const { ctx, data, chapters, rendered } = prep;
  const printed = printedEditions(site.editions, records, opts.previous, opts.outDir, staging.dir);
  const previous = opts.lastValues ?? opts.previous?.values;
  const changes = await stage('report-changes', () =>
    reportChanges(ctx, { langs, data, chapters, rendered, svgs: site.charts.svgs, previous, printed }),
  );
  writeFile(staging, 'changes.html', changes.html);
  return changes;
}

/** The record of this build (incremental/build-record.ts): what it was made from and what it wrote. */
function recordBuild(opts: BuildRun, ctx: BuildContext, records: OutputRecords, changes: Changes): void {
  const formats = mergeRecords(opts.previous?.formats, records);
  const record = {
    inputs: opts.manifest!.inputs,
    outputs: hashTree(opts.outDir),
    diagnostics: ctx.diagnostics.list,
    formats,
    values: changes.record,
  };
  writeRecord(opts.manifest!.file, record);
}

function failOnErrors(ctx: BuildContext): void {
  if (ctx.diagnostics.errors.length) throw new BuildFailed(ctx.diagnostics.list);
}

/** Every format asked for, of every edition, into staging (outputs/make-outputs.ts); dev mode's saves keep the others'. */
async function writeOutputs(
  opts: BuildRun,
  prep: Prepared,
  formats: OutputFormat[],
  editions: EditionPage[],
  staging: Staging,
  pages: BuildPages | undefined,
  stage: StageTimer,
) {
  const { ctx, config, templates, data, rendered } = prep;
  const out = writerFor(staging);
  const date =
    opts.sourceDateEpoch !== undefined ? new Date(opts.sourceDateEpoch * 1000) : new Date(`${config.date}T00:00:00Z`);
  const jobs = editions.map((e) => ({
    ctx,
    lang: e.lang,
    config,
    templates,
    data,
    rendered: rendered[e.lang],
    html: e.html,
    trees: e.trees,
    fonts: e.fonts,
    out,
    date,
    signal: opts.signal,
  }));
  const input = {
    formats,
    editions: jobs,
    previous: opts.previous,
    outDir: opts.outDir,
    pages: (f: OutputFormat) => pages?.byFormat.get(f.name),
    stage,
    log: opts.log,
    byDefault: opts.formatsByDefault,
  };
  const made = await makeOutputs(input);
  // The chapters' trees served the formats just made: the rest of the build (report-changes, the swap) reads the pages.
  for (const e of editions) delete e.trees;
  for (const job of jobs) delete job.trees;
  const kept: OutputRecords = opts.keepOthers
    ? keepUnmade(
        input,
        editions.map((e) => e.lang),
        out,
      )
    : {};
  return { records: mergeRecords(kept, made.records), made: made.made };
}

/** The site around the editions: the language chooser and the translators' review page (with its own fonts). */
async function writeSite(
  opts: BuildOptions,
  prep: Prepared,
  chooser: string,
  staging: Staging,
  stage: StageTimer,
): Promise<void> {
  const { ctx, config, data, rendered, templates, alignment } = prep;
  writeFile(staging, 'index.html', chooser);
  const sourceBase = path.relative(path.join(opts.outDir, 'review'), opts.root).split(path.sep).join('/');
  await stage('review-page', async () => {
    const review = reviewPage({ alignment, config, data, rendered, strings: templates.strings, sourceBase });
    writeFile(staging, 'review/index.html', review);
    writeFonts(staging, 'review', await pageFonts(ctx, review, opts.fonts));
  });
}
