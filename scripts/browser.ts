import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { ProtocolError, TimeoutError, type Browser, type Page } from 'puppeteer';
import { EnvironmentError, catalogue, formatDiagnostic, type Rule } from './diagnostics.js';
import { DEFAULT_BROWSER_TIMEOUT_S } from './context.js';

export const HOW_TO_GET_A_BROWSER =
  'No Chromium or Chrome found: install one (Debian: apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH to its executable.';

const systemBrowsers = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** PUPPETEER_EXECUTABLE_PATH, then Puppeteer's own downloaded browser, then a system Chromium/Chrome. */
export function findBrowser(envPath: string | undefined): string | undefined {
  if (envPath) return existsSync(envPath) ? envPath : undefined;
  try {
    const own = puppeteer.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // no downloaded browser: fall through to the system ones
  }
  return systemBrowsers.find((p) => existsSync(p));
}


export interface LaunchOptions {
  executablePath: string;
  asRoot: boolean;
  /** Milliseconds the launch, and any single browser operation after it, may take before the build gives up. */
  timeout?: number;
}

/** The bound each launched browser was given, for the pages opened on it (guardPage). */
const boundOf = new WeakMap<Browser, number>();

/** One catalogue line (`<browser>  error  what — what to do  [rule]`) as an EnvironmentError. */
function fault(rule: Rule, executablePath: string, args: string[], hintArgs: string[] = []): EnvironmentError {
  const entry = catalogue[rule] as { message: (...a: string[]) => string; hint?: (...a: string[]) => string };
  return new EnvironmentError(
    formatDiagnostic({ file: executablePath, severity: 'error', rule, message: entry.message(...args), hint: entry.hint?.(...hintArgs) }),
  );
}

const seconds = (ms: number) => String(Math.round(ms / 100) / 10);

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
  boundOf.set(browser, timeout);
  return browser;
}

/** Why the browser did not start, as one line (Puppeteer's message has the browser's stderr after it). */
function startFault(e: unknown, executablePath: string, timeout: number): EnvironmentError {
  const message = (e as Error)?.message ?? String(e);
  if (e instanceof TimeoutError || /timed out/i.test(message)) {
    return fault('browser-start', executablePath, [`no answer within ${seconds(timeout)} s`], ['; on a slow machine raise --browser-timeout']);
  }
  if (/Target closed|Connection closed|Session closed/i.test(message)) {
    return fault('browser-start', executablePath, ['it exited as soon as it started'], ['; run it by hand to see why']);
  }
  const code = /Failed to launch the browser process:\s*Code:\s*(\S+)/.exec(message)?.[1];
  if (code !== undefined) {
    const stderr = /\nstderr:\n([\s\S]*?)\n\n/.exec(message)?.[1]?.split('\n').map((l) => l.trim()).filter(Boolean).pop();
    const said = stderr ? `, saying "${stderr.length > 160 ? `${stderr.slice(0, 160)}…` : stderr}"` : '';
    return fault('browser-start', executablePath, [`it exited at once (code ${code})${said}`], ['']);
  }
  return fault('browser-start', executablePath, [message.split('\n')[0]!.replace(/^Failed to launch the browser process:\s*/, '')], ['']);
}

/**
 * A browser failure in the middle of the build, as the one line the CLI prints:
 * `[browser-crashed]` when the browser went away (killed, crashed, connection
 * lost: Target/Session/Connection closed, or the `disconnected` event was seen);
 * `[browser-timeout]` when a protocol call, navigation or print took longer than
 * the bound. Anything else — including launch failures, which launchBrowser has
 * already turned into EnvironmentErrors — gives undefined.
 * `doing` completes the sentence: "while printing the PDF".
 */
export function browserFault(e: unknown, info: { executablePath: string; timeoutMs: number; doing: string; disconnected?: boolean }): EnvironmentError | undefined {
  if (!(e instanceof Error) || e instanceof EnvironmentError) return undefined;
  const message = e.message;
  const timedOut = e instanceof TimeoutError || /timed out|timeout of \d+ ?ms exceeded|Timed out after/i.test(message);
  const gone = /Target closed|Session closed|Connection closed|Target crashed|Page crashed|browser has disconnected|WebSocket is not open/i.test(message);
  if (gone || (info.disconnected && (timedOut || e instanceof ProtocolError || /Protocol error|frame was detached|context was destroyed/i.test(message)))) {
    return fault('browser-crashed', info.executablePath, [info.doing]);
  }
  if (timedOut) return fault('browser-timeout', info.executablePath, [info.doing, seconds(info.timeoutMs)]);
  return undefined;
}

/** What the browser was doing, from the last stage that finished: it renders the charts, then prints the PDFs. */
export function browserActivity(lastStage: string): string {
  const beforeCharts = ['', 'load-config', 'load-templates', 'load-data', 'load-content', 'render-markdown', 'check-parity'];
  return beforeCharts.includes(lastStage) ? 'while rendering the charts' : 'while printing the PDF';
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
  const inTime = await Promise.race([closed, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
  clearTimeout(timer);
  if (!inTime || force) {
    killBrowser(browser);
    // Give Puppeteer a moment to notice the exit and remove its temporary profile.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

export interface Guard {
  /** URLs blocked since the last allow(). */
  blocked: string[];
  /** Change what the page may load (a page reused for another job). */
  allow: (dirs: string[]) => void;
}

/**
 * Block every request that is not a local file inside the allowed folders (or
 * data:), and keep the blocked URLs so callers can report them.
 */
export async function guardPage(page: Page, allowedDirs: string[]): Promise<Guard> {
  let allowed = allowedDirs;
  const guard: Guard = {
    blocked: [],
    allow: (dirs) => {
      allowed = dirs;
      guard.blocked = [];
    },
  };
  // Navigation (30 s by default) and waits get the same bound as every protocol call.
  const bound = boundOf.get(page.browser());
  if (bound) page.setDefaultTimeout(bound);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') return void req.continue();
    if (url.startsWith('file://')) {
      const p = path.resolve(fileURLToPath(url));
      if (allowed.some((d) => p === d || p.startsWith(d + path.sep))) return void req.continue();
    }
    guard.blocked.push(url);
    void req.abort('blockedbyclient');
  });
  return guard;
}
