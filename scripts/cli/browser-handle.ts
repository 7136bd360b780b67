import path from 'node:path';
import type { Browser } from 'puppeteer-core';

const browsers = () => import('../browser/index.js');

/**
 * The build's one Chromium, started on first use (finding it, launching it, saying which in one line). In dev
 * mode a browser that goes away (crash, kill) is started again by the next build that needs one.
 */
export class BrowserHandle {
  private browser: Promise<Browser> | undefined;
  /** The browser once it is running (what a signal kills). */
  launched: Browser | undefined;
  /** What a fault is told about the browser: its path, and whether it went away. */
  readonly state = { executablePath: '', disconnected: false };
  private relaunch = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly opts: {
      env: NodeJS.ProcessEnv;
      cacheDir: string;
      asRoot: boolean;
      timeoutMs: number;
      verbose: boolean;
      /** Start a new browser after the last one went away (dev mode), instead of failing. */
      restart: boolean;
      log: (line: string) => void;
    },
  ) {}

  /** The browser, started now if it is not yet. */
  get = (): Promise<Browser> => {
    this.browser ??= this.start();
    return this.browser;
  };

  /** Whether one was asked for. */
  get started(): boolean {
    return this.browser !== undefined;
  }

  private start(): Promise<Browser> {
    if (this.relaunch) this.opts.log('browser: Chromium had stopped (crashed or killed); starting it again');
    this.relaunch = false;
    this.state.disconnected = false;
    const starting: Promise<Browser> = browsers().then(async ({ findBrowser, launchBrowser, browserLine }) => {
      const found = await findBrowser({ env: this.opts.env, cacheDir: path.join(this.opts.cacheDir) });
      this.state.executablePath = found.executablePath;
      const b = await launchBrowser({ ...found, asRoot: this.opts.asRoot, timeout: this.opts.timeoutMs });
      this.launched = b;
      this.opts.log(browserLine(found, this.opts.verbose ? { version: await b.version() } : undefined));
      b.once('disconnected', () => {
        this.state.disconnected = true;
        // dev mode lives on: the next build that needs a browser starts a new one (a build's own fault ends it).
        if (this.opts.restart && this.browser === starting) [this.browser, this.relaunch] = [undefined, true];
      });
      return b;
    });
    return starting;
  }

  /** Close it (or kill it, after a fault), whatever state it is in. */
  close(force: boolean): Promise<void> {
    const browser = this.browser;
    if (!browser) return Promise.resolve();
    this.closing ??= browsers().then(({ closeBrowser }) =>
      browser.then((b) => closeBrowser(b, { force })).catch(() => undefined),
    );
    return this.closing;
  }

  /** Kill it at once (a signal): one still starting is killed by Puppeteer's own exit hook. */
  kill(): void {
    const b = this.launched;
    if (b) void browsers().then((m) => m.killBrowser(b));
  }
}
