import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuildContext, Lang } from '../../context.js';
import type { ChartInputs, EditionChart } from './edition-chart.js';

/** What the main thread sends a chart thread when it starts it (workerData). */
export interface ThreadSetup {
  root: string;
  packageDir: string;
  cacheDir: string;
  inputs: ChartInputs;
}

/**
 * A chart thread's young generation: Vega makes many short-lived objects. Measured on the real report's
 * cold build (2 cores): 122–150 ms of the thread's ~2 s went to the garbage collector, against 150–223 ms
 * (once 493 ms) with V8's default.
 */
const YOUNG_MB = 64;

/** A job and its answer, by number. */
export type ThreadJob = { n: number; lang: Lang; figureId: string };
export type ThreadAnswer = { n: number; chart?: EditionChart; error?: string };

/** A worker thread that renders charts (chart-thread.ts), one at a time. */
export interface ChartThread {
  render(lang: Lang, figureId: string): Promise<EditionChart | undefined>;
  close(): Promise<void>;
}

/**
 * `count` worker threads for charts, each with its own session (decoded fonts,
 * measurer) and the report's chart inputs. Each thread runs chart-thread's
 * module: the compiled .js beside this file, or the .ts source through tsx
 * (a thread does not inherit the loader that runs this one).
 */
export function chartThreads(ctx: BuildContext, inputs: ChartInputs, count: number): ChartThread[] {
  const entry = threadEntry();
  const setup: ThreadSetup = {
    root: ctx.root,
    packageDir: ctx.packageDir,
    cacheDir: ctx.cacheDir,
    inputs: {
      data: { figures: inputs.data.figures, datasets: inputs.data.datasets },
      templates: {
        chartTheme: inputs.templates.chartTheme,
        strings: inputs.templates.strings,
        files: inputs.templates.files,
      },
    },
  };
  return Array.from({ length: count }, () => {
    const worker = entry.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
          { eval: true, workerData: setup },
        )
      : new Worker(entry, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    // A build that ends (or fails) does not wait for its chart threads.
    worker.unref();
    const waiting = new Map<number, { resolve: (c: EditionChart | undefined) => void; reject: (e: Error) => void }>();
    let next = 0;
    let failed: Error | undefined;
    const fail = (e: Error) => {
      failed ??= e;
      for (const w of waiting.values()) w.reject(failed);
      waiting.clear();
    };
    worker.on('message', (a: ThreadAnswer) => {
      const w = waiting.get(a.n);
      waiting.delete(a.n);
      if (a.error !== undefined) w?.reject(new Error(`chart thread: ${a.error}`));
      else w?.resolve(a.chart);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`chart thread: stopped (exit code ${code})`)));
    return {
      render: (lang, figureId) =>
        new Promise<EditionChart | undefined>((resolve, reject) => {
          if (failed) return reject(failed);
          const n = next++;
          waiting.set(n, { resolve, reject });
          worker.postMessage({ n, lang, figureId } satisfies ThreadJob);
        }),
      close: () => worker.terminate().then(() => undefined),
    };
  });
}

/**
 * chart-thread's module: the .ts source beside this one (run through tsx), or
 * the compiled chart-thread.js that bin/report.js builds as an entry of its
 * own (at the top of the compiled folder, where this module may be a chunk
 * one folder below).
 */
function threadEntry(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./chart-thread.ts', import.meta.url);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = [here, path.dirname(here)].map((d) => path.join(d, 'chart-thread.js')).find((f) => existsSync(f));
  if (!file) throw new Error(`chart-thread.js is not beside the compiled CLI (${here})`);
  return pathToFileURL(file);
}

/** tsx's module API as a file URL, from its package's exports (for a thread that runs the .ts sources). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}
