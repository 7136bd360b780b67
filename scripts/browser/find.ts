import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer';

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
