import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from './build.js';
import { newSession, settled } from './context.js';
import { readArgs, usage, type Args } from './cli/args.js';
import { BrowserHandle } from './cli/browser-handle.js';
import { buildCommand } from './cli/build-command.js';
import { print, reportFailure } from './cli/failure.js';
import { lockOutput } from './cli/output-lock.js';

// The pipeline (unified, Vega, Puppeteer…) is loaded only when there is work to do:
// a build with nothing changed answers from the manifest alone.

/**
 * The package: the nearest folder above this module with a package.json (from scripts/, or from
 * .cache/cli/<hash>/ when compiled by bin/report.js).
 */
function packageRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir))
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  return path.resolve(from, '..');
}
const packageDir = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** argv → a command; the only place that reads the environment, the clock, and exits. */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'new') return newCommand(argv.slice(1));
  const args = readArgs(argv);
  if ('problem' in args) {
    console.error(`${args.problem}\n${usage()}`);
    return 2;
  }
  return new Run(args).go();
}

async function newCommand(argv: string[]): Promise<number> {
  const { newReport } = await import('./scaffold/new-report.js');
  const r = newReport(argv, { packageDir, today: new Date().toISOString().slice(0, 10) });
  if (r.stdout) console.log(r.stdout);
  if (r.stderr) console.error(r.stderr);
  return r.code;
}

/** One command's run: its options, its browser, the output's lock, and what ends it (its end, a fault, a signal). */
class Run {
  private readonly t0 = performance.now();
  /** The last stage that finished says what the browser was doing if it fails (it renders charts, then prints). */
  private lastStage = '';
  private readonly browser: BrowserHandle;
  private readonly opts: BuildOptions;
  private release: (() => void) | undefined;
  private stopDev: (() => Promise<void>) | undefined;

  constructor(private readonly args: Args) {
    const log = (line: string) => {
      this.lastStage = /^([a-z-]+)\s+\d+ ms$/.exec(line)?.[1] ?? this.lastStage;
      if (!args.quiet) console.log(line);
    };
    const timeoutMs = args.browserTimeoutS * 1000;
    this.browser = new BrowserHandle({
      env: process.env,
      cacheDir: path.join(packageDir, '.cache'),
      asRoot: process.getuid?.() === 0,
      timeoutMs,
      verbose: args.verbose,
      restart: args.command === 'dev',
      log,
    });
    const root = path.resolve(args.root ?? packageDir);
    const epoch = process.env.SOURCE_DATE_EPOCH;
    this.opts = {
      root,
      outDir: path.resolve(args.out ?? path.join(root, 'dist')),
      packageDir,
      cacheDir: path.join(root, '.cache'),
      langs: args.langs,
      formats: args.formats,
      formatsByDefault: args.formatsByDefault,
      strict: args.strict,
      pdfStandard: args.pdfStandard,
      sourceDateEpoch: epoch && /^\d{1,12}$/.test(epoch) ? Number(epoch) : undefined,
      browser: this.browser.get,
      browserTimeoutMs: timeoutMs,
      session: newSession(),
      log,
    };
  }

  async go(): Promise<number> {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    let fault = false;
    try {
      return await this.command();
    } catch (e) {
      const failed = await reportFailure(e, {
        command: this.args.command,
        verbose: this.args.verbose,
        browser: this.browser,
        timeoutMs: this.opts.browserTimeoutMs!,
        lastStage: this.lastStage,
      });
      fault = failed.fault;
      return failed.code;
    } finally {
      await this.cleanUp(fault);
    }
  }

  private async command(): Promise<number> {
    const { args, opts } = this;
    if (args.command === 'check')
      return (await import('./cli/check-command.js')).checkCommand(opts, args.accept, print);
    if (args.command === 'review')
      return (await import('./cli/review-command.js')).reviewCommand(path.resolve(args.file!), {
        root: opts.root,
        apply: args.apply,
        log: opts.log,
      });
    if (args.command === 'changes')
      return (await import('./cli/changes-command.js')).changesCommand(opts, args.since!, args.out);
    const lock = lockOutput(opts.root, opts.outDir);
    if ('problem' in lock) {
      console.error(lock.problem);
      return 1;
    }
    this.release = lock.release;
    if (args.command === 'dev') {
      const { devCommand } = await import('./cli/dev-command.js');
      this.stopDev = await devCommand(opts, {
        port: args.port,
        pdfAfterS: args.pdfAfterS,
        browser: this.browser,
        timeoutMs: opts.browserTimeoutMs!,
        print,
      });
      return new Promise<never>(() => undefined); // (until a signal)
    }
    return buildCommand(opts, { force: args.force, browser: this.browser, print, t0: this.t0 });
  }

  /** Ctrl-C or a kill: dev mode stops its server and exits 0; a build leaves the output as it was and exits 130. */
  private readonly onSignal = (sig: NodeJS.Signals) => {
    const stop = this.stopDev;
    if (stop) {
      this.stopDev = undefined;
      void stop()
        .then(() => this.browser.close(false))
        .catch(() => undefined)
        .finally(() => {
          this.release?.();
          process.exit(0);
        });
      return;
    }
    this.release?.();
    this.browser.kill();
    console.error(
      `build interrupted (${sig}); ${path.relative(process.cwd(), this.opts.outDir) || this.opts.outDir} is unchanged`,
    );
    process.exit(130);
  };

  private async cleanUp(fault: boolean): Promise<void> {
    this.release?.();
    // Background work first (the pages a failed build's chart downloads were opening are opened, then closed):
    // a browser closed while Puppeteer opens a page leaves its 30 s wait for the page's target running. After a
    // fault the browser goes first: nothing it would answer is waited for.
    if (fault) await this.browser.close(true);
    await settled(this.opts.session!);
    await this.browser.close(false);
    // Everything is said and cleaned up, but Puppeteer can still be waiting for what a dead browser never sends (a
    // new page's target, an execution context: about half the kills by hand kept the process 30 s more).
    if (fault) process.exit(1);
  }
}

process.exitCode = await main(process.argv.slice(2));
