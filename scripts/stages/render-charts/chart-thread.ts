import { parentPort, workerData } from 'node:worker_threads';
import { newSession, type BuildContext } from '../../context.js';
import { Diagnostics } from '../../diagnostics/collector.js';
import { editionChart } from './edition-chart.js';
import type { ThreadAnswer, ThreadJob, ThreadSetup } from './chart-pool.js';

/*
 * A worker thread of chart-pool.ts: renders the charts it is sent, one at a
 * time, with a session of its own, and answers each with its result (its
 * notes are reported by the main thread). It owns its session as the CLI owns
 * the main thread's.
 */
const setup = workerData as ThreadSetup;
const ctx: BuildContext = {
  root: setup.root,
  packageDir: setup.packageDir,
  cacheDir: setup.cacheDir,
  diagnostics: new Diagnostics(),
  log: () => undefined,
  browser: () => Promise.reject(new Error('no browser in a chart thread')),
  browserTimeoutMs: 0,
  session: newSession(),
};

parentPort!.on('message', (job: ThreadJob) => {
  const figure = setup.inputs.data.figures.get(job.figureId)!;
  editionChart(ctx, setup.inputs, job.lang, figure).then(
    (chart) => parentPort!.postMessage({ n: job.n, chart } satisfies ThreadAnswer),
    (e: Error) => parentPort!.postMessage({ n: job.n, error: e.stack ?? String(e) } satisfies ThreadAnswer),
  );
});
