import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { EnvironmentError } from './diagnostics.js';

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
  /** Milliseconds any single browser operation may take before the build gives up. */
  timeout?: number;
}

export async function launchBrowser(opts: LaunchOptions): Promise<Browser> {
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
  try {
    return await puppeteer.launch({
      executablePath: opts.executablePath,
      headless: true,
      args,
      timeout: opts.timeout ?? 60_000,
      protocolTimeout: opts.timeout ?? 120_000,
    });
  } catch (e) {
    throw new EnvironmentError(`The browser at ${opts.executablePath} did not start: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * Block every request that is not a local file inside `allowedDirs` (or data:).
 * Returns the list of blocked URLs so callers can report them.
 */
export async function guardPage(page: Page, allowedDirs: string[]): Promise<string[]> {
  const blocked: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') return void req.continue();
    if (url.startsWith('file://')) {
      const p = path.resolve(fileURLToPath(url));
      if (allowedDirs.some((d) => p === d || p.startsWith(d + path.sep))) return void req.continue();
    }
    blocked.push(url);
    void req.abort('blockedbyclient');
  });
  return blocked;
}
