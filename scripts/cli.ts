import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from 'puppeteer-core';
import type { BuildOptions } from './build.js';
import { BuildFailed, EnvironmentError, formatDiagnostic, type Diagnostic } from './diagnostics/catalogue.js';
import { acquireLock, outputPlaceProblem, sweepStale } from './incremental/lock.js';
import { newSession, settled, DEFAULT_BROWSER_TIMEOUT_S, type Lang } from './context.js';
import { inputsHash } from './incremental/inputs-hash.js';
import { recordPath, outputIntact, readRecord } from './incremental/build-record.js';

// The pipeline (unified, Vega, Puppeteer…) is loaded only when there is work to do:
// a build with nothing changed answers from the manifest alone.
const pipeline = () => import('./build.js');
const browsers = () => import('./browser/index.js');

/** The package: the nearest folder above this module with a package.json (from scripts/, or from .cache/cli/<hash>/ when compiled by bin/report.js). */
function packageRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) if (existsSync(path.join(dir, 'package.json'))) return dir;
  return path.resolve(from, '..');
}
const packageDir = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

const usage = `usage: npm run build -- [--lang zh|en] [--format html|pdf] [--root DIR] [--out DIR] [--strict] [--force] [--verbose] [--browser-timeout SECONDS]
       npm run check -- [--root DIR] [--strict] [--accept FILE[:LINE]]…
       npm run dev -- [--root DIR] [--out DIR] [--port N] [--pdf-after SECONDS]
       npm run changes -- --since REV [--root DIR] [--out FILE]
       npm run new -- DIR`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function print(diags: Diagnostic[]): void {
  for (const d of diags) (d.severity === 'error' ? console.error : console.warn)(formatDiagnostic(d));
}

/** argv → build(); the only place that reads the environment, the clock, and exits. */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'new') {
    const { newReport } = await import('./scaffold/new-report.js');
    const r = newReport(argv.slice(1), { packageDir, today: new Date().toISOString().slice(0, 10) });
    if (r.stdout) console.log(r.stdout);
    if (r.stderr) console.error(r.stderr);
    return r.code;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      options: {
        lang: { type: 'string', multiple: true },
        format: { type: 'string', multiple: true },
        root: { type: 'string' },
        out: { type: 'string' },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'browser-timeout': { type: 'string' },
        port: { type: 'string' },
        'pdf-after': { type: 'string' },
        since: { type: 'string' },
        accept: { type: 'string', multiple: true },
      },
      allowPositionals: false,
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  const command = argv[0];
  const { values } = parsed;
  if (command !== 'build' && command !== 'check' && command !== 'dev' && command !== 'changes') {
    console.error(usage);
    return 2;
  }
  const langs = values.lang?.flatMap((l) => l.split(',')) as Lang[] | undefined;
  if (langs?.some((l) => l !== 'zh' && l !== 'en')) {
    console.error(`--lang takes zh or en\n${usage}`);
    return 2;
  }
  const formats = (values.format?.flatMap((f) => f.split(',')) ?? ['html', 'pdf']) as ('html' | 'pdf')[];
  if (formats.some((f) => f !== 'html' && f !== 'pdf')) {
    console.error(`--format takes html or pdf\n${usage}`);
    return 2;
  }
  if (formats.includes('pdf') && !formats.includes('html')) formats.push('html');
  const root = path.resolve(values.root ?? packageDir);
  const outDir = path.resolve(values.out ?? path.join(root, 'dist'));
  const browserTimeout = Number(values['browser-timeout'] ?? DEFAULT_BROWSER_TIMEOUT_S);
  if (!(browserTimeout > 0)) {
    console.error(`--browser-timeout takes a number of seconds\n${usage}`);
    return 2;
  }
  // The last stage that finished says what the browser was doing if it fails (it renders charts, then prints).
  let lastStage = '';
  const log = (line: string) => {
    lastStage = /^([a-z-]+)\s+\d+ ms$/.exec(line)?.[1] ?? lastStage;
    if (!values.quiet) console.log(line);
  };
  let browser: Promise<Browser> | undefined;
  let launched: Browser | undefined;
  const browserState = { executablePath: '', disconnected: false };
  let relaunch = false;
  const getBrowser = () => {
    if (!browser) {
      if (relaunch) log('browser: Chromium had stopped (crashed or killed); starting it again');
      relaunch = false;
      browserState.disconnected = false;
      const starting: Promise<Browser> = (browser = browsers().then(async ({ findBrowser, launchBrowser, browserLine }) => {
        const found = await findBrowser({ env: process.env, cacheDir: path.join(packageDir, '.cache') });
        browserState.executablePath = found.executablePath;
        return launchBrowser({ ...found, asRoot: process.getuid?.() === 0, timeout: browserTimeout * 1000 }).then(async (b) => {
          launched = b;
          log(browserLine(found, values.verbose ? { version: await b.version() } : undefined));
          b.once('disconnected', () => {
            browserState.disconnected = true;
            // dev mode lives on: the next build that needs a browser starts a new one (a build's own fault ends it).
            if (command === 'dev' && browser === starting) [browser, relaunch] = [undefined, true];
          });
          return b;
        });
      }));
    }
    return browser;
  };
  const session = newSession();
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const opts: BuildOptions = {
    root,
    outDir,
    packageDir,
    cacheDir: path.join(root, '.cache'),
    langs,
    formats,
    strict: values.strict ?? false,
    sourceDateEpoch: epoch && /^\d{1,12}$/.test(epoch) ? Number(epoch) : undefined,
    browser: getBrowser,
    browserTimeoutMs: browserTimeout * 1000,
    session,
    log,
  };
  let release: (() => void) | undefined;
  let stopDev: (() => Promise<void>) | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopDev) {
      const stop = stopDev;
      stopDev = undefined;
      void stop()
        .then(() => browser?.then((b) => b.close()))
        .catch(() => undefined)
        .finally(() => {
          release?.();
          process.exit(0);
        });
      return;
    }
    release?.();
    if (launched) void browsers().then((b) => b.killBrowser(launched)); // (one still starting is killed by Puppeteer's own exit hook)
    console.error(`build interrupted (${sig}); ${path.relative(process.cwd(), outDir) || outDir} is unchanged`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const t0 = performance.now();
  let fault: EnvironmentError | undefined;
  try {
    if (command === 'check') {
      const { prepare } = await pipeline();
      const { acceptUnits, parseAcceptTarget, outOfStepRules } = await import('./stages/align-translation/accept.js');
      if (values.accept?.length) {
        // Record the current source text for the units named, then check as usual.
        const before = await prepare({ ...opts, strict: false, log: () => undefined });
        const done = acceptUnits(before.alignment, values.accept.map((a) => parseAcceptTarget(a, root, process.cwd())));
        print(done.problems);
        if (done.problems.length) return 1;
        for (const w of done.writes) writeFileSync(path.join(root, w.file), w.text);
        console.log(`check: recorded the source text of ${done.recorded} unit(s) in ${done.writes.map((w) => w.file).join(', ')}`);
      }
      const prep = await prepare({ ...opts, log: () => undefined });
      print(prep.ctx.diagnostics.list);
      const outOfStep = prep.ctx.diagnostics.list.filter((d) => (outOfStepRules as string[]).includes(d.rule)).length;
      if (outOfStep) {
        console.error(`check failed: the translation is out of step in ${outOfStep} place(s); see above`);
        return 1;
      }
      console.log(`check: the editions agree (${prep.config.languages.join(', ')})`);
      return 0;
    }
    if (command === 'changes') {
      if (!values.since) {
        console.error(`changes takes --since REV (a commit or tag)\n${usage}`);
        return 2;
      }
      const { changesSince } = await import('./stages/report-changes/since.js');
      const { prepare } = await pipeline();
      const file = path.resolve(values.out ?? path.join(opts.cacheDir, 'changes', `since-${values.since.replace(/[^A-Za-z0-9._-]+/g, '_')}.html`));
      const lines = await changesSince({ ...opts, log: () => undefined }, values.since, file, prepare);
      log(lines.length ? `changed since ${values.since} (details: ${path.relative(process.cwd(), file)}):\n  ${lines.join('\n  ')}` : `nothing from data changed since ${values.since} (${path.relative(process.cwd(), file)})`);
      return 0;
    }
    const taken = outputPlaceProblem(outDir);
    if (taken) {
      console.error(`${path.relative(root, outDir) || outDir}  error  ${taken.replaceAll(outDir, path.relative(root, outDir) || outDir)}  [output-place]`);
      return 1;
    }
    const lock = acquireLock(outDir, process.pid, isAlive);
    if (typeof lock === 'string') {
      console.error(`${path.relative(root, outDir) || outDir}  error  ${lock} — wait for it to finish  [locked]`);
      return 1;
    }
    release = lock;
    sweepStale(outDir, isAlive);
    const shownOut = path.relative(process.cwd(), outDir) || outDir;
    const manifestFile = recordPath(opts.cacheDir, outDir);
    // What besides the files decides a build's output (part of the inputs hash).
    const keyOf = (l: Lang[] | undefined, f: string[]) => ({ langs: l ?? null, formats: [...f].sort(), strict: opts.strict, epoch: opts.sourceDateEpoch ?? null });
    if (command === 'dev') {
      const port = Number(values.port ?? 8080);
      const pdfAfter = Number(values['pdf-after'] ?? 5);
      if (!Number.isInteger(port) || port < 0 || !(pdfAfter >= 0)) {
        console.error(`--port takes a port number, --pdf-after a number of seconds\n${usage}`);
        return 2;
      }
      const { dev } = await import('./dev/dev-loop.js');
      const { browserFault } = await browsers();
      const fault = (e: unknown) => browserFault(e, { ...browserState, timeoutMs: browserTimeout * 1000, doing: 'during a rebuild' })?.message;
      const server = await dev({ build: { ...opts, langs: undefined }, port, pdfAfterMs: pdfAfter * 1000, print, fault, fullBuildKey: keyOf(undefined, ['html', 'pdf']) });
      stopDev = server.close;
      await new Promise<never>(() => undefined);
    }
    const inputs = inputsHash(root, packageDir, keyOf(opts.langs, formats));
    const last = readRecord(manifestFile);
    const previous = values.force ? undefined : last;
    if (previous?.inputs === inputs && outputIntact(outDir, previous)) {
      print(previous.diagnostics);
      log(`nothing changed: ${shownOut} is up to date (${Math.round(performance.now() - t0)} ms; --force rebuilds)`);
      return 0;
    }
    // Start the browser (Puppeteer's own import included) while the pipeline's modules load.
    if (formats.includes('pdf')) getBrowser().catch(() => undefined);
    const { build } = await pipeline();
    // --force makes everything again, but what changed is still said against the last build.
    const result = await build({ ...opts, previous, lastValues: last?.values, manifest: { file: manifestFile, inputs } });
    print(result.diagnostics);
    if (result.changes.lines.length) log(`changed since the last build (details: ${path.join(shownOut, 'changes.html')}):\n  ${result.changes.lines.join('\n  ')}`);
    log(`built ${result.editions.map((e) => e.lang).join(' + ')} → ${shownOut} in ${Math.round(performance.now() - t0)} ms (${result.chartsRendered} chart(s) rendered)`);
    return 0;
  } catch (e) {
    if (e instanceof BuildFailed) {
      print(e.diagnostics);
      const n = e.diagnostics.filter((d) => d.severity === 'error').length;
      console.error(`${command} failed: ${n} error(s); ${command === 'build' ? 'the previous output is unchanged' : 'see above'}`);
      return 1;
    }
    const { browserFault, browserActivity, disconnection } = await browsers();
    const classify = () => browserFault(e, { ...browserState, timeoutMs: browserTimeout * 1000, doing: browserActivity(lastStage) });
    fault = classify();
    // A page can fail as Chromium dies, before the end of the connection is read (its frames already gone): wait
    // a moment for that end before calling the error anything else.
    if (!fault && launched?.connected) fault = (await disconnection(launched, 500)) ? classify() : undefined;
    if (fault) {
      if (values.verbose) console.error(e);
      console.error(fault.message);
      return 1;
    }
    if (e instanceof EnvironmentError) {
      console.error(e.message);
      return 1;
    }
    if (values.verbose) console.error(e);
    else console.error(`internal error: ${(e as Error).message} (run with --verbose for details)`);
    return 70;
  } finally {
    release?.();
    if (browser) {
      const { closeBrowser } = await browsers();
      await browser.then((b) => closeBrowser(b, { force: fault !== undefined })).catch(() => undefined);
    }
    await settled(session);
    // Everything is said and cleaned up, but Puppeteer can still be waiting for what a dead browser never sends (a
    // new page's target, an execution context: about half the kills by hand kept the process 30 s more).
    if (fault) process.exit(1);
  }
}

process.exitCode = await main(process.argv.slice(2));
