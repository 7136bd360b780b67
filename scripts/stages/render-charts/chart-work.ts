import { availableParallelism } from 'node:os';
import type { BuildContext, Lang } from '../../context.js';
import type { Figure, ReportData } from '../../model/data.js';
import type { Templates } from '../../model/templates.js';
import { chartKey } from '../../model/charts.js';
import { chartThreads } from './chart-pool.js';
import { editionChart, isCached, type ChartInputs, type EditionChart } from './edition-chart.js';

/** The charts of a build, being rendered: each by chartKey(lang, figure id), and all of them. */
export interface ChartWork {
  charts: Map<string, Promise<EditionChart | undefined>>;
  /** Settles when every chart has; rejects with the first failure. */
  done: Promise<void>;
  /** Without worker threads, render the charts here, in this thread (the build has nothing else to do); with them, nothing. */
  help(): Promise<void>;
}

/**
 * Charts (one figure in one edition, both layouts: ~60–120 ms) per worker
 * thread beyond the first: each thread loads Vega and decodes the fonts it
 * measures with (~0.5 s of CPU), so another pays for itself only with many
 * charts to render.
 */
const FOR_A_THREAD = 24;

/**
 * Charts sent to a thread ahead of its answers, so that it never waits while this thread renders Markdown
 * (up to a second without reading messages). Real report, 2 cores: the wait for charts went 1.6–1.9 → 0.9–1.7 s.
 */
const IN_FLIGHT = 6;

/**
 * Worker threads for `charts` charts: one whenever there are two cores or
 * more (the build's own thread then never loads Vega: it reads and renders
 * the chapters meanwhile), more for many charts, never more than the cores
 * beside this thread's. Measured on a 2-core machine: the real report built
 * ~0.6 s sooner, the 40-chapter synthetic one ~2.5 s sooner, than with the
 * charts on the build's thread. None in dev mode (`threads: false`), where
 * the session keeps the decoded fonts and Vega between rebuilds, and none when
 * this runs as TypeScript through tsx (a test calling the build): a thread
 * would compile its modules again (~1.5 s).
 */
function threadsFor(charts: number): number {
  if (!charts || import.meta.url.endsWith('.ts')) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, Math.max(1, Math.floor(charts / FOR_A_THREAD))));
}

/**
 * Every charted figure of `data` in each of `langs`, in its print and narrow
 * layouts, rendered in Node (vega-svg.ts) as soon as the data and templates
 * are loaded: it needs neither the browser nor the chapters, so it runs while
 * the chapters load and the browser starts, and each chart's downloads can be
 * drawn in Chromium while the next is rendered. Renderings are cached in
 * <cache>/charts by a hash of the spec as compiled (spec, data, theme,
 * language): a cached chart is not even compiled, and is read here. The rest
 * go to worker threads (chart-pool.ts) when there is a core beside this
 * thread's (threadsFor); when there is not, or in dev mode, this thread
 * renders them all, from now on.
 * Nothing is reported here: renderCharts reports the notes in the order of
 * the charts the editions place. The work stops early once the build has
 * errors (it will fail).
 */
export function startCharts(
  ctx: BuildContext,
  data: ReportData,
  templates: Templates,
  langs: Lang[],
  opts: { threads?: boolean } = {},
): ChartWork {
  const todo = langs.flatMap((lang) =>
    [...data.figures.values()].map((figure) => ({ lang, figure, ...settlers<EditionChart | undefined>() })),
  );
  const charts = new Map(todo.map((t) => [chartKey(t.lang, t.figure.id), t.promise]));
  const inputs: ChartInputs = { data, templates, rows: new Map(), theme: new Map() };
  const queue: typeof todo = [];
  for (const t of todo) {
    if (isCached(ctx, inputs, t.lang, t.figure)) t.resolve(editionChart(ctx, inputs, t.lang, t.figure));
    else queue.push(t);
  }
  const stopped = () => ctx.diagnostics.errors.length > 0;
  /** Take charts off the queue one by one and render them with `render`, until there are none. */
  const lane = async (render: (lang: Lang, figure: Figure) => Promise<EditionChart | undefined>) => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      if (stopped()) t.resolve(undefined);
      else await render(t.lang, t.figure).then(t.resolve, t.reject);
    }
  };
  const here = (lang: Lang, figure: Figure) => {
    const chart = editionChart(ctx, inputs, lang, figure);
    // Let the event loop run (the browser's messages, a download being drawn) between charts.
    return chart.then((c) => new Promise<typeof c>((resolve) => setImmediate(() => resolve(c))));
  };
  const threads = opts.threads === false ? 0 : threadsFor(queue.length);
  // One lane in this thread at most (Vega's measurer is one slot), started now when there are no worker threads;
  // with threads, this one renders nothing (it would load Vega and decode the fonts once more).
  let local: Promise<void> | undefined;
  const help = () => (threads ? Promise.resolve() : (local ??= lane(here)));
  // A thread has IN_FLIGHT lanes: it is sent charts before it answers the last.
  const lanes = threads
    ? chartThreads(ctx, inputs, threads).map((thread) => {
        const render = (lang: Lang, figure: Figure) => thread.render(lang, figure.id);
        return Promise.all(Array.from({ length: IN_FLIGHT }, () => lane(render)))
          .then(() => undefined)
          .finally(() => thread.close());
      })
    : [help()];
  const done = Promise.all([...lanes, ...charts.values()]).then(() => undefined);
  // A build that fails before it takes the charts leaves them unread.
  for (const p of [done, ...charts.values()]) p.catch(() => undefined);
  return { charts, done, help };
}

function settlers<T>(): { promise: Promise<T>; resolve: (v: T | Promise<T>) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T | Promise<T>) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
