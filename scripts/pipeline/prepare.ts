import path from 'node:path';
import { DEFAULT_BROWSER_TIMEOUT_S, newSession, type BuildContext, type Lang } from '../context.js';
import { BuildFailed } from '../diagnostics/catalogue.js';
import { Diagnostics } from '../diagnostics/collector.js';
import { cached } from '../incremental/dev-cache.js';
import { hashBytes, hashTree } from '../incremental/inputs-hash.js';
import type { Alignment } from '../model/alignment.js';
import type { ReportConfig } from '../model/config.js';
import type { Chapter } from '../model/content.js';
import type { ReportData } from '../model/data.js';
import type { RenderedEdition } from '../model/edition.js';
import type { Templates } from '../model/templates.js';
import { alignTranslation } from '../stages/align-translation/index.js';
import { checkParity } from '../stages/check-parity.js';
import { loadConfig } from '../stages/load-config.js';
import { optionalFormats } from '../outputs/registry.js';
import { loadContent } from '../stages/load-content.js';
import { loadData } from '../stages/load-data/index.js';
import { loadTemplates } from '../stages/load-templates/index.js';
import { renderMarkdown } from '../stages/render-markdown/index.js';
import type { BuildOptions } from './options.js';
import { timer, type StageTimer } from './timer.js';

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

/** Called once the data is loaded, before the chapters are (the build starts the charts there). */
export type OnLoaded = (ctx: BuildContext, config: ReportConfig, templates: Templates, data: ReportData) => void;

/** The context the stages receive, from the options the caller gave. */
export function contextFor(opts: BuildOptions, diagnostics: Diagnostics): BuildContext {
  return {
    root: opts.root,
    packageDir: opts.packageDir,
    diagnostics,
    log: opts.log,
    cacheDir: opts.cacheDir,
    browser: opts.browser,
    browserTimeoutMs: opts.browserTimeoutMs ?? DEFAULT_BROWSER_TIMEOUT_S * 1000,
    session: opts.session ?? newSession(),
    signal: opts.signal,
  };
}

/** Load and render every language (parity needs both), stopping at the first stage with errors; `loaded` sees the data first. */
export async function prepare(
  opts: BuildOptions,
  timings: Record<string, number> = {},
  loaded?: OnLoaded,
): Promise<Prepared> {
  const ctx = contextFor(opts, new Diagnostics());
  const stage = timer(opts.log, timings);
  const fail = () => {
    if (ctx.diagnostics.errors.length) throw new BuildFailed(ctx.diagnostics.list);
  };
  const config = await stage('load-config', () => loadConfig(ctx, optionalFormats()));
  fail();
  if (!config) throw new BuildFailed(ctx.diagnostics.list);
  if (opts.pdfStandard) config.pdfStandard = opts.pdfStandard;
  const { templates, data, dataStamp } = await loadInputs(ctx, opts, config, stage);
  if (templates && !ctx.diagnostics.errors.length) loaded?.(ctx, config, templates, data);
  const chapters = await stage(
    'load-content',
    () => Object.fromEntries(config.languages.map((l) => [l, loadContent(ctx, l)])) as Record<Lang, Chapter[]>,
  );
  fail();
  // The files a chapter may show or link to (published with the edition): a changed image renders it again.
  const filesStamp = opts.devCache
    ? hashBytes(JSON.stringify(['content', 'images', 'assets'].map((d) => hashTree(path.join(opts.root, d)))))
    : '';
  /** What an edition's rendering depends on (dev mode's cache key). */
  const renderKey = (l: Lang) =>
    hashBytes(JSON.stringify([chapters[l], templates!.strings[l], dataStamp, filesStamp, config.citations]));
  const rendered = await stage('render-markdown', async () => {
    const out = {} as Record<Lang, RenderedEdition>;
    for (const l of config.languages) {
      // Trees are changed in place later (slots filled, anchors added): a kept edition is handed out as a copy.
      const render = () => renderMarkdown(ctx, l, chapters[l], data, templates!.strings[l], config.citations);
      out[l] = await cached(
        opts.devCache,
        ctx.diagnostics,
        `render-markdown|${l}`,
        () => renderKey(l),
        render,
        (e) => structuredClone(e),
      );
    }
    return out;
  });
  fail();
  await stage('check-parity', () => checkParity(ctx, config, chapters, rendered, data));
  const alignment = await stage('align-translation', () =>
    alignTranslation(ctx, config, chapters, data, opts.devCache),
  );
  if (opts.strict) ctx.diagnostics.strict();
  fail();
  const renderKeys = opts.devCache ? Object.fromEntries(config.languages.map((l) => [l, renderKey(l)])) : {};
  return { ctx, config, templates: templates!, data, chapters, rendered, renderKeys, alignment };
}

/** The templates and the data, each kept by dev mode until its files change. */
async function loadInputs(ctx: BuildContext, opts: BuildOptions, config: ReportConfig, stage: StageTimer) {
  const templatesKey = () =>
    hashBytes(
      JSON.stringify([
        hashTree(path.join(opts.root, 'templates')),
        hashTree(path.join(opts.packageDir, 'theme')),
        config.languages,
      ]),
    );
  const templates = await stage('load-templates', () =>
    cached(opts.devCache, ctx.diagnostics, 'load-templates', templatesKey, () => loadTemplates(ctx, config.languages)),
  );
  const dataStamp = opts.devCache ? hashBytes(JSON.stringify(hashTree(path.join(opts.root, 'data')))) : '';
  const data = await stage('load-data', () =>
    cached(
      opts.devCache,
      ctx.diagnostics,
      'load-data',
      () => dataStamp,
      () => loadData(ctx),
    ),
  );
  return { templates, data, dataStamp };
}
