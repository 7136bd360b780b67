#!/usr/bin/env node
/**
 * The CLI as compiled JavaScript: `node bin/report.js build|check|dev|changes|new …` (what `npm run build` and
 * the other commands run). Node starts it as plain JavaScript: no TypeScript is transpiled at run time.
 *
 * It runs `.cache/cli/<hash>/cli.js`, which esbuild compiled from scripts/ and the npm packages it uses (one
 * bundle, split where cli.ts imports lazily; a few packages left as imports, see OPTIONS; beside it
 * chart-thread.js, what a chart worker thread runs). <hash> covers every file under scripts/ (path and bytes),
 * the packages installed, esbuild's version and the options below, so compiled code is never stale: when
 * scripts/ or node_modules changes, the next run compiles again (a few seconds) into a new folder, and a
 * folder once written is never changed.
 * Where the package's .cache/ cannot be written, it runs the sources through tsx instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = path.join(pkg, 'scripts');
const compiledRoot = path.join(pkg, '.cache', 'cli');
/** Compiled folders kept besides the newest (a process still running an older one may import its chunks). */
const KEEP = 3;

/** @type {import('esbuild').BuildOptions} */
const OPTIONS = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // npm packages are bundled in too: Node's loader resolves and reads a package's modules one by one, and
  // for the unified family, Vega and pdf-lib that took longer than running them (vega 0.3 s → 0.1 s, pdf-lib
  // 0.28 s → 0.09 s, remark-parse 90 ms → 12 ms to import). Left as imports: what finds files of its own
  // beside its code (wasm, a worker, a browser), or is native, or loads faster as it ships (puppeteer-core, and
  // @puppeteer/browsers, which puppeteer-core imports too: bundled, it would be loaded twice).
  external: [
    'puppeteer-core',
    '@puppeteer/browsers',
    '@sparticuz/chromium',
    'esbuild',
    'tsx',
    'harfbuzzjs',
    'subset-font',
    'fontverter',
    'wawoff2',
    'pdfjs-dist',
    'chokidar',
    'fsevents',
    // citation-js fetches a URL given as input with it, through a worker file beside its code (never called here).
    'sync-fetch',
  ],
  // A package's ES module build first (jsonc-parser's CommonJS one is UMD, whose require() calls esbuild cannot follow).
  mainFields: ['module', 'main'],
  // Bundled CommonJS modules call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'silent',
};

/** The compiled entry points (name → source under scripts/): the CLI, and what a chart worker thread runs. */
const ENTRIES = { cli: 'cli.ts', 'chart-thread': 'stages/render-charts/chart-thread.ts' };

/**
 * The npm packages installed, as npm records them (node_modules/.package-lock.json, written by every
 * install), and the package's own manifest and lock: bundled packages are part of the compiled code.
 */
const INSTALLED = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json'];

/** sha256 over scripts/ (relative path and bytes of every file), the packages installed, esbuild's version, OPTIONS and ENTRIES. */
function sourcesHash(esbuildVersion) {
  const h = createHash('sha256');
  h.update(JSON.stringify([OPTIONS, ENTRIES, esbuildVersion]));
  for (const f of INSTALLED)
    if (existsSync(path.join(pkg, f))) h.update(`\0${f}\0`).update(readFileSync(path.join(pkg, f)));
  const walk = (rel) => {
    for (const name of readdirSync(path.join(scripts, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const abs = path.join(scripts, r);
      if (statSync(abs).isDirectory()) walk(r);
      else h.update(`\0${r}\0`).update(readFileSync(abs));
    }
  };
  walk('');
  return h.digest('hex').slice(0, 16);
}

/** Compile scripts/cli.ts into `dir` (through a temporary folder: a half-written bundle is never run). */
async function compile(dir) {
  const esbuild = await import('esbuild');
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild.build({
      ...OPTIONS,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(scripts, file)])),
      outdir: tmp,
    });
    renameSync(tmp, dir);
  } catch (e) {
    // Another run compiled the same sources at the same time: its folder is as good as ours.
    if (!existsSync(path.join(dir, 'cli.js'))) throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const others = readdirSync(compiledRoot)
    .filter((name) => /^[0-9a-f]{16}$/.test(name) && path.join(compiledRoot, name) !== dir)
    .map((name) => ({ name, mtime: statSync(path.join(compiledRoot, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(KEEP - 1)) rmSync(path.join(compiledRoot, old.name), { recursive: true, force: true });
}

/** The compiled CLI for the sources as they are, compiled now if needed; undefined where it cannot be written. */
async function compiledCli() {
  const esbuildVersion = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8'),
  ).version;
  const dir = path.join(compiledRoot, sourcesHash(esbuildVersion));
  const entry = path.join(dir, 'cli.js');
  if (existsSync(entry)) return entry;
  try {
    mkdirSync(compiledRoot, { recursive: true });
  } catch {
    return undefined;
  }
  try {
    await compile(dir);
  } catch (e) {
    const errors = e?.errors?.map(
      (m) =>
        `${m.location ? `${path.relative(pkg, m.location.file)}:${m.location.line}:${m.location.column}  ` : ''}${m.text}`,
    );
    if (!errors?.length && e?.code && ['EACCES', 'EPERM', 'EROFS'].includes(e.code)) return undefined;
    console.error(
      `bin/report.js: could not compile scripts/ — ${errors?.length ? errors.join('\n  ') : (e?.message ?? e)}`,
    );
    process.exit(70);
  }
  return entry;
}

// A build is a short run through a lot of code: V8's optimising compiler, started for every function run a few
// times, spent ~2.5 s of CPU on its own threads (of a cold build's ~11 s in Node), on the cores Chromium and the
// chart thread print and draw with. Fifteen times the budget before a function is considered for it (V8's
// default is 66 KB of bytecode run) leaves the hottest code optimised and the rest alone: Node used ~2.5 s less
// CPU, and the build was ~1 s faster on 2 cores and no slower at 40 chapters. V8 flags apply to the whole process,
// its worker threads included; set before the CLI's code is loaded (V8 has had this flag for over a decade; one without it would print a line and go on).
setFlagsFromString('--interrupt-budget=1000000');
const entry = await compiledCli();
if (entry) await import(pathToFileURL(entry).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(scripts, 'cli.ts')).href);
}
