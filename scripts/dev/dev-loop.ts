import path from 'node:path';
import { existsSync } from 'node:fs';
import { build, type BuildOptions } from '../build.js';
import { BuildFailed, type Diagnostic } from '../diagnostics/catalogue.js';
import { serve } from './static-server.js';
import { watchTree } from './watch.js';
import type { DevCache } from '../incremental/dev-cache.js';
import { inputsHash } from '../incremental/inputs-hash.js';
import { recordPath, readRecord } from '../incremental/build-record.js';
import type { ValueRecord } from '../model/changes.js';

/**
 * `npm run dev`: build the HTML of both editions, serve the output folder on
 * localhost with live reload, and rebuild the HTML on every save under
 * content/, data/, templates/ and report.yaml. The PDFs are brought up to date
 * after a quiet period (no save for `pdfAfterMs`), so typing never waits for
 * Chromium to print.
 */
export interface DevOptions {
  build: BuildOptions;
  port: number;
  pdfAfterMs: number;
  print: (diags: Diagnostic[]) => void;
  /** A browser fault (crash, hang) as the one line to print, or undefined for anything else. */
  fault?: (e: unknown) => string | undefined;
  /** Options that go into the inputs hash of a full build (the same as `npm run build` uses). */
  fullBuildKey: unknown;
}

export interface DevServer {
  url: string;
  close: () => Promise<void>;
}

const watched = ['content', 'data', 'templates', 'report.yaml'];

export async function dev(opts: DevOptions): Promise<DevServer> {
  const { root, outDir, cacheDir, packageDir, log } = opts.build;
  const manifestFile = recordPath(cacheDir, outDir);
  let running: Promise<void> | undefined;
  let again: 'html' | 'pdf' | undefined;
  let pdfTimer: NodeJS.Timeout | undefined;
  let saveTimer: NodeJS.Timeout | undefined;
  /** Aborts a PDF build in progress when a save comes in: the HTML goes first. */
  let printing: AbortController | undefined;
  let changed = new Set<string>();
  const devCache: DevCache = new Map();
  /** The values the last rebuild printed: each save is compared with the one before it. */
  let lastValues: ValueRecord | undefined;

  const run = async (kind: 'html' | 'pdf'): Promise<boolean> => {
    const t0 = performance.now();
    try {
      const full = kind === 'pdf';
      const inputs = full ? inputsHash(root, packageDir, opts.fullBuildKey) : '';
      printing = full ? new AbortController() : undefined;
      const result = await build({
        signal: printing?.signal,
        ...opts.build,
        formats: full ? ['html', 'pdf'] : ['html'],
        fonts: full ? 'subset' : 'slices',
        devCache,
        keepPdfs: !full,
        previous: readRecord(manifestFile),
        lastValues,
        manifest: full ? { file: manifestFile, inputs } : undefined,
        log: () => undefined,
      });
      opts.print(result.diagnostics.filter((d) => d.severity === 'error' || full));
      if (lastValues && result.changes.lines.length) log(`changed from data:\n  ${result.changes.lines.join('\n  ')}`);
      lastValues = result.changes.record;
      const what = full ? `HTML and PDF (${result.editions.map((e) => `${e.lang}: ${e.pdf ? `${e.pdf.pages} pages` : 'kept'}`).join(', ')})` : 'HTML';
      // (an editor's temporary files have come and gone: name what is still there)
      const named = [...changed].filter((rel) => existsSync(path.join(root, rel)));
      log(`rebuilt ${what}${named.length ? ` after ${named.join(', ')}` : ''} in ${Math.round(performance.now() - t0)} ms`);
      changed = new Set();
      return true;
    } catch (e) {
      if (printing?.signal.aborted) {
        log('PDF build set aside: a file changed');
        return false;
      }
      const fault = e instanceof BuildFailed ? undefined : opts.fault?.(e);
      if (fault) {
        console.error(fault);
        log('build failed (the browser); still serving the last good build');
        return false;
      }
      if (!(e instanceof BuildFailed)) throw e;
      opts.print(e.diagnostics);
      log(`build failed (${e.diagnostics.filter((d) => d.severity === 'error').length} error(s)); still serving the last good build`);
      return false;
    } finally {
      printing = undefined;
    }
  };

  const schedule = (kind: 'html' | 'pdf') => {
    if (running) {
      if (again !== 'html') again = kind;
      return;
    }
    running = (async () => {
      let next: 'html' | 'pdf' | undefined = kind;
      while (next) {
        again = undefined;
        const ok = await run(next);
        if (ok) server.reload();
        if (ok && next === 'html') {
          clearTimeout(pdfTimer);
          pdfTimer = setTimeout(() => schedule('pdf'), opts.pdfAfterMs);
        }
        next = again;
      }
    })()
      .catch((e: unknown) => log(`internal error: ${(e as Error).message}`))
      .finally(() => {
        running = undefined;
      });
  };

  await run('html');
  const server = await serve(outDir, { port: opts.port, liveReload: true });
  pdfTimer = setTimeout(() => schedule('pdf'), opts.pdfAfterMs);

  const watcher = watchTree(root, watched, {
    change: (rel) => {
      changed.add(rel);
      clearTimeout(pdfTimer);
      printing?.abort();
      // Editors write a file in more than one step: wait for the last one.
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => schedule('html'), 15);
    },
    // (ENOSPC: the system's limit of inotify watches; the server goes on serving the last build)
    error: (e) => log(`dev: watching ${path.relative(process.cwd(), root) || '.'} failed: ${e.message}${/ENOSPC/.test(e.message) ? ' — raise fs.inotify.max_user_watches' : ''}; saves may go unseen until dev is restarted`),
  });
  await watcher.ready;
  log(`dev: serving ${server.url} — ${server.url}zh/index.html, ${server.url}en/index.html; watching ${watched.join(', ')}; PDFs rebuilt after ${opts.pdfAfterMs / 1000} s without changes`);
  return {
    url: server.url,
    close: async () => {
      clearTimeout(pdfTimer);
      clearTimeout(saveTimer);
      printing?.abort();
      await watcher.close();
      await running;
      await server.close();
    },
  };
}
