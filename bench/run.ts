/**
 * npm run bench [-- --runs N] [--scale 20,40] [--scale-runs N] [--write]
 * Times full and incremental builds of a copy of the report against bare Chromium (the floors) and two peer
 * tools, start-up, dev-mode latency and peak memory; with --scale, synthetic reports of N chapters per language
 * against their own bare floor. Prints a markdown table. See bench/README.md.
 */
import os from 'node:os';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findBrowser } from '../scripts/browser/find.js';
import { measureDev } from './dev.js';
import { installPeers, peers, type Peer } from './peers.js';
import { runMeasured } from './proc.js';
import { fullReport, machineInfo, writeReadme, type BenchResults } from './report.js';
import { bareFloor, build, childEnv, floor, LAUNCHER, REPO, startupArgs, toFirstStage, type Env } from './runners.js';
import { sequence, stageTotals, toSample, type Sample } from './samples.js';
import { editionHtmls, measureScale } from './scale.js';
import {
  dataValueToggle,
  firstChapter,
  makeWorkspace,
  paragraphToggle,
  removeWorkspace,
  resetBuild,
  type Toggle,
} from './workspace.js';

const README = path.join(REPO, 'bench', 'README.md');
const RUN_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_RUNS = 5;
const DATA_FILE = 'data/sz-rd.csv';
const PARAGRAPH_LANG = 'zh';
const PARAGRAPH_WORD = '基准';

interface Options {
  runs: number;
  write: boolean;
  /** Chapters per language of each synthetic report measured (none unless asked). */
  scale: number[];
  scaleRuns: number;
}

const whole = (name: string, v: string | undefined, dflt: number): number => {
  const n = v === undefined ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number ≥ 1, not "${v}"`);
  return n;
};

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      write: { type: 'boolean', default: false },
      scale: { type: 'string' },
      'scale-runs': { type: 'string' },
    },
  });
  const scale = (values.scale ?? process.env.BENCH_SCALE ?? '')
    .split(',')
    .filter(Boolean)
    .map((n) => whole('scale', n, 0));
  return {
    runs: whole('runs', values.runs, DEFAULT_RUNS),
    write: values.write ?? false,
    scale,
    scaleRuns: whole('scale-runs', values['scale-runs'], 1),
  };
}

const progress = (line: string) => console.error(`bench: ${line}`);
const secs = (s: Sample) => `${(s.ms / 1000).toFixed(2)} s${s.failure ? ` — failed: ${s.failure}` : ''}`;

/** N builds, each after `before(i)`; returns the samples and each run's output. */
async function buildSeries(label: string, runs: number, env: Env, before: (i: number) => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    before(i);
    const s = toSample(await build(env, env.ws.root));
    progress(`${label} ${i + 1}/${runs}: ${secs(s)}`);
    samples.push(s);
  }
  return samples;
}

const toggled = (t: Toggle) => (i: number) => t.apply(i);

/** One peer printing one edition; a run without a PDF to show for it is a failure. */
async function peerPrint(peer: Peer, html: string, env: Env): Promise<Sample> {
  const out = path.join(env.ws.scratch, `${peer.name}-${path.basename(path.dirname(html))}.pdf`);
  rmSync(out, { force: true });
  const c = peer.command(html, out);
  const s = toSample(
    await runMeasured(c.cmd, c.args, {
      cwd: env.ws.scratch,
      env: childEnv(env, { ...process.env, ...c.env }),
      timeoutMs: RUN_TIMEOUT_MS,
    }),
  );
  if (!s.failure && !(existsSync(out) && statSync(out).size > 0)) s.failure = 'exited 0 but wrote no PDF';
  return s;
}

async function peerSeries(peer: Peer, runs: number, env: Env, htmls: string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const parts: Sample[] = [];
    for (const html of htmls) parts.push(await peerPrint(peer, html, env));
    const s = htmls.length ? sequence(parts) : { ms: 0, peakBytes: 0, failure: 'no built HTML' };
    progress(`${peer.name} ${i + 1}/${runs}: ${secs(s)}`);
    samples.push(s);
    if (s.failure) break; // a tool that fails on this HTML will fail again: don't wait for it N times
  }
  return samples;
}

/**
 * Cold build, its floors and the build with nothing changed, interleaved run by run, so that a machine whose
 * load changes during the bench weighs on the build and on its floor alike.
 */
async function coldSeries(runs: number, env: Env) {
  const r = {
    cold: [] as Sample[],
    coldStages: [] as Record<string, number>[],
    unchanged: [] as Sample[],
    floor: [] as Sample[],
    bareFloor: [] as Sample[],
  };
  for (let i = 0; i < runs; i++) {
    resetBuild(env.ws.root);
    const c = await build(env, env.ws.root);
    r.cold.push(toSample(c));
    if (c.code === 0) r.coldStages.push(stageTotals(c.stdout));
    const htmls = editionHtmls(env.ws.root);
    r.bareFloor.push(await bareFloor(env, htmls));
    r.floor.push(await floor(env, htmls));
    r.unchanged.push(toSample(await build(env, env.ws.root)));
    progress(
      `run ${i + 1}/${runs}: cold ${secs(r.cold[i]!)}, bare floor ${secs(r.bareFloor[i]!)}, floor ${secs(r.floor[i]!)}, nothing changed ${secs(r.unchanged[i]!)}`,
    );
  }
  return r;
}

async function startupSeries(runs: number, env: Env): Promise<BenchResults['startup']> {
  const out: BenchResults['startup'] = { tsx: [], compiled: [] };
  for (let i = 0; i < runs; i++) {
    out.tsx.push(await toFirstStage(startupArgs(env, 'tsx'), env));
    out.compiled.push(await toFirstStage(startupArgs(env, 'compiled'), env));
    progress(`start-up ${i + 1}/${runs}: tsx ${secs(out.tsx[i]!)}, compiled ${secs(out.compiled[i]!)}`);
  }
  return out;
}

async function runAll(opts: Options, env: Env): Promise<BenchResults> {
  const { runs } = opts;
  const root = env.ws.root;
  const data = dataValueToggle(path.join(root, DATA_FILE));
  const paragraph = paragraphToggle(firstChapter(root, PARAGRAPH_LANG), PARAGRAPH_WORD);
  const load = { start: os.loadavg(), end: [] as number[] };

  // Compile the CLI first (bin/report.js does when scripts/ changed), so that no timed run includes it.
  await runMeasured(process.execPath, [LAUNCHER, 'help'], { cwd: REPO, timeoutMs: RUN_TIMEOUT_MS, env: childEnv(env) });
  const cold = await coldSeries(runs, env);
  const startup = await startupSeries(runs, env);
  const dataEdit = await buildSeries('data value edited', runs, env, toggled(data));
  const paragraphEdit = await buildSeries('paragraph edited', runs, env, toggled(paragraph));

  const htmls = editionHtmls(root);
  const peerResults: BenchResults['peers'] = [];
  for (const peer of peers({ repo: REPO, executablePath: env.executablePath, asRoot: env.asRoot })) {
    peerResults.push({ name: peer.name, samples: await peerSeries(peer, runs, env, htmls) });
  }

  progress('dev mode…');
  const dev = await measureDev({
    repo: REPO,
    cli: LAUNCHER,
    root,
    env: childEnv(env),
    chapter: firstChapter(root, PARAGRAPH_LANG),
    runs,
    executablePath: env.executablePath,
    asRoot: env.asRoot,
  });
  progress(
    `dev: ${dev.kind === 'measured' ? dev.latenciesMs.map((ms) => `${Math.round(ms)} ms`).join(', ') : dev.why}`,
  );

  const scale = [];
  for (const n of opts.scale) scale.push(await measureScale(n, opts.scaleRuns, env, progress));
  load.end = os.loadavg();

  return {
    runs,
    ...cold,
    dataEdit,
    paragraphEdit,
    peers: peerResults,
    dev,
    startup,
    scale,
    load,
    edits: [data.describe, paragraph.describe],
  };
}

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    console.error(
      `${(e as Error).message}\nusage: npm run bench -- [--runs N] [--scale 20,40] [--scale-runs N] [--write]`,
    );
    return 2;
  }
  let executablePath: string;
  try {
    // (The bundled Chromium is passed on to the peers and floor.ts as PUPPETEER_EXECUTABLE_PATH, without its libraries.)
    executablePath = (await findBrowser({ env: process.env, cacheDir: path.join(REPO, '.cache') })).executablePath;
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    return 1;
  }
  const notInstalled = installPeers(REPO, progress);
  if (notInstalled) {
    console.error(`bench: the peer tools could not be installed: ${notInstalled}`);
    return 1;
  }
  const ws = makeWorkspace(REPO);
  const interrupted = () => {
    removeWorkspace(ws);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    progress(
      `report copied to ${ws.root}; ${opts.runs} run(s) per measure${opts.scale.length ? `; synthetic reports of ${opts.scale.join(', ')} chapters, ${opts.scaleRuns} run(s) each` : ''}`,
    );
    const results = await runAll(opts, { ws, executablePath, asRoot: process.getuid?.() === 0 });
    const report = fullReport(results, machineInfo(executablePath), new Date());
    console.log(report);
    if (opts.write) {
      writeReadme(README, report);
      progress(`wrote ${path.relative(REPO, README)}`);
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    removeWorkspace(ws);
  }
}

process.exitCode = await main(process.argv.slice(2));
