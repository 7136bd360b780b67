/**
 * npm run bench [-- --runs N] [--write]
 * Times full and incremental builds of a copy of the report against bare Chromium (the floor) and two
 * peer tools, plus dev-mode latency and peak memory; prints a markdown table. See bench/README.md.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findBrowser } from '../scripts/browser/find.js';
import { measureDev } from './dev.js';
import { peers, type Peer } from './peers.js';
import { runMeasured, type RunResult } from './proc.js';
import { fullReport, machineInfo, writeReadme, type BenchResults } from './report.js';
import { sequence, stageTotals, toSample, type Sample } from './samples.js';
import { dataValueToggle, firstChapter, makeWorkspace, paragraphToggle, removeWorkspace, resetBuild, type Toggle, type Workspace } from './workspace.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(REPO, 'bench', 'README.md');
const RUN_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_RUNS = 5;
const DATA_FILE = 'data/sz-rd.csv';
const PARAGRAPH_LANG = 'zh';
const PARAGRAPH_WORD = '基准';

interface Options {
  runs: number;
  write: boolean;
}

interface Env {
  ws: Workspace;
  executablePath: string;
  asRoot: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string' }, write: { type: 'boolean', default: false } } });
  const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1, not "${values.runs}"`);
  return { runs, write: values.write ?? false };
}

const progress = (line: string) => console.error(`bench: ${line}`);

/** Every child gets the same Chromium and a TMPDIR inside the workspace. */
function childEnv(env: Env, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PUPPETEER_EXECUTABLE_PATH: env.executablePath, TMPDIR: env.ws.tmp };
}

function nodeTsx(script: string, args: string[], env: Env): Promise<RunResult> {
  return runMeasured(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO, timeoutMs: RUN_TIMEOUT_MS, env: childEnv(env) });
}

const build = (env: Env) => nodeTsx(path.join(REPO, 'scripts', 'cli.ts'), ['build', '--root', env.ws.root], env);

/** N builds, each after `before(i)`; returns the samples and each run's output. */
async function buildSeries(label: string, runs: number, env: Env, before: (i: number) => void): Promise<{ samples: Sample[]; outputs: RunResult[] }> {
  const samples: Sample[] = [];
  const outputs: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    before(i);
    const r = await build(env);
    const s = toSample(r);
    progress(`${label} ${i + 1}/${runs}: ${(s.ms / 1000).toFixed(2)} s${s.failure ? ` — failed: ${s.failure}` : ''}`);
    samples.push(s);
    outputs.push(r);
  }
  return { samples, outputs };
}

const toggled = (t: Toggle) => (i: number) => t.apply(i);

/** The editions of the built copy: dist/<lang>/index.html. */
function editionHtmls(root: string): string[] {
  const dist = path.join(root, 'dist');
  if (!existsSync(dist)) return [];
  return readdirSync(dist)
    .map((d) => path.join(dist, d, 'index.html'))
    .filter((f) => existsSync(f))
    .sort();
}

async function floorSeries(runs: number, env: Env, htmls: string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const s = htmls.length ? toSample(await nodeTsx(path.join(REPO, 'bench', 'floor.ts'), [env.ws.scratch, ...htmls], env)) : { ms: 0, peakBytes: 0, failure: 'no built HTML' };
    progress(`floor ${i + 1}/${runs}: ${(s.ms / 1000).toFixed(2)} s${s.failure ? ` — failed: ${s.failure}` : ''}`);
    samples.push(s);
  }
  return samples;
}

/** One peer printing one edition; a run without a PDF to show for it is a failure. */
async function peerPrint(peer: Peer, html: string, env: Env): Promise<Sample> {
  const out = path.join(env.ws.scratch, `${peer.name}-${path.basename(path.dirname(html))}.pdf`);
  rmSync(out, { force: true });
  const c = peer.command(html, out);
  const s = toSample(await runMeasured(c.cmd, c.args, { cwd: env.ws.scratch, env: childEnv(env, { ...process.env, ...c.env }), timeoutMs: RUN_TIMEOUT_MS }));
  if (!s.failure && !(existsSync(out) && statSync(out).size > 0)) s.failure = 'exited 0 but wrote no PDF';
  return s;
}

async function peerSeries(peer: Peer, runs: number, env: Env, htmls: string[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const parts: Sample[] = [];
    for (const html of htmls) parts.push(await peerPrint(peer, html, env));
    const s = htmls.length ? sequence(parts) : { ms: 0, peakBytes: 0, failure: 'no built HTML' };
    progress(`${peer.name} ${i + 1}/${runs}: ${(s.ms / 1000).toFixed(2)} s${s.failure ? ` — failed: ${s.failure}` : ''}`);
    samples.push(s);
    if (s.failure) break; // a tool that fails on this HTML will fail again: don't wait for it N times
  }
  return samples;
}

async function runAll(opts: Options, env: Env): Promise<BenchResults> {
  const { runs } = opts;
  const root = env.ws.root;
  const data = dataValueToggle(path.join(root, DATA_FILE));
  const paragraph = paragraphToggle(firstChapter(root, PARAGRAPH_LANG), PARAGRAPH_WORD);

  const cold = await buildSeries('cold', runs, env, () => resetBuild(root));
  const unchanged = await buildSeries('nothing changed', runs, env, () => undefined);
  const dataEdit = await buildSeries('data value edited', runs, env, toggled(data));
  const paragraphEdit = await buildSeries('paragraph edited', runs, env, toggled(paragraph));

  const htmls = editionHtmls(root);
  const floor = await floorSeries(runs, env, htmls);
  const peerResults: BenchResults['peers'] = [];
  for (const peer of peers({ repo: REPO, executablePath: env.executablePath, asRoot: env.asRoot })) {
    peerResults.push({ name: peer.name, samples: await peerSeries(peer, runs, env, htmls) });
  }

  progress('dev mode…');
  const dev = await measureDev({ repo: REPO, cli: path.join(REPO, 'scripts', 'cli.ts'), root, env: childEnv(env), chapter: firstChapter(root, PARAGRAPH_LANG), runs, executablePath: env.executablePath, asRoot: env.asRoot });
  progress(`dev: ${dev.kind === 'measured' ? dev.latenciesMs.map((ms) => `${Math.round(ms)} ms`).join(', ') : dev.why}`);

  return {
    runs,
    cold: cold.samples,
    unchanged: unchanged.samples,
    dataEdit: dataEdit.samples,
    paragraphEdit: paragraphEdit.samples,
    coldStages: cold.outputs.filter((r) => r.code === 0).map((r) => stageTotals(r.stdout)),
    floor,
    peers: peerResults,
    dev,
    edits: [data.describe, paragraph.describe],
  };
}

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run bench -- [--runs N] [--write]`);
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
  const ws = makeWorkspace(REPO);
  const interrupted = () => {
    removeWorkspace(ws);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    progress(`report copied to ${ws.root}; ${opts.runs} run(s) per measure`);
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
