import puppeteer, { type Browser } from 'puppeteer-core';
import { DEFAULT_BROWSER_TIMEOUT_S } from '../context.js';
import { startFault } from './faults.js';

export interface LaunchOptions {
  executablePath: string;
  asRoot: boolean;
  /** The browser process's whole environment, when it needs more than the build's (findBrowser's `env`). */
  env?: Record<string, string | undefined>;
  /** Milliseconds the launch, and any single browser operation after it, may take before the build gives up. */
  timeout?: number;
}

export async function launchBrowser(opts: LaunchOptions): Promise<Browser> {
  const timeout = opts.timeout ?? DEFAULT_BROWSER_TIMEOUT_S * 1000;
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--font-render-hinting=none',
    ...(opts.asRoot ? ['--no-sandbox'] : []),
  ];
  // Talk over a pipe, not a WebSocket: no debugging port is opened on this machine, and when the build
  // dies — even by SIGKILL — the pipe closes and Chromium quits with it instead of lingering.
  const abort = new AbortController();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: opts.executablePath,
      ...(opts.env ? { env: opts.env } : {}),
      headless: true,
      pipe: true,
      args,
      timeout,
      protocolTimeout: timeout,
      signal: abort.signal,
      // The CLI handles its signals itself (a build cleans up, `dev` stops gracefully); with Puppeteer's own
      // handlers it would be killed by `process.exit(130)` before that. Its exit hook still kills a browser
      // that is starting, and the pipe takes Chromium down with the process in any case.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (e) {
    abort.abort(); // kill what was started now, rather than after Puppeteer's own (bounded, but slow) close
    throw startFault(e, opts.executablePath, timeout);
  }
  // Chromium's main process gone (crashed, killed) while its other processes still hold the pipe open: end the
  // connection now, so that the build sees the browser disconnect and calls in flight fail (what waits for an event
  // instead, such as a page's execution context, waits out Puppeteer's timeout: the CLI exits without it).
  browser.process()?.once('exit', () => {
    killBrowser(browser);
    void browser.disconnect().catch(() => undefined);
  });
  return browser;
}

/** Kill the browser and everything it started (its process group, which Puppeteer makes it lead); a no-op when all are gone. */
export function killBrowser(browser: Browser | undefined): void {
  const proc = browser?.process();
  if (!proc?.pid) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    if (proc.exitCode === null && proc.signalCode === null) {
      try {
        proc.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Close the browser, but never wait more than `graceMs`: a browser that does not
 * close in time (hung, stopped) is killed with its process group. `force` kills
 * first (after a fault there is nothing to close gracefully), then waits for
 * Puppeteer to clean up its temporary profile.
 */
export async function closeBrowser(browser: Browser, { graceMs = 5000, force = false } = {}): Promise<void> {
  if (force) killBrowser(browser);
  let timer: NodeJS.Timeout | undefined;
  const closed = browser.close().then(
    () => true,
    () => false,
  );
  const inTime = await Promise.race([
    closed,
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
  ]);
  clearTimeout(timer);
  if (!inTime || force) {
    killBrowser(browser);
    // Give Puppeteer a moment to notice the exit and remove its temporary profile.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}
