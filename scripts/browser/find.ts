import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EnvironmentError } from '../diagnostics/catalogue.js';
import { BUNDLED_PACKAGE, bundledChromium, bundledRunsOn } from './bundled.js';
import { fault } from './faults.js';

/** Where the browser came from, as the build's `browser` line names it. */
export type BrowserSource = 'PUPPETEER_EXECUTABLE_PATH' | 'Puppeteer' | 'system' | 'bundled';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
  /** Its name for the `browser` line: "chromium", "Chrome for Testing", "Chromium from @sparticuz/chromium 143.0.4". */
  name: string;
  /** The whole environment the browser process needs, when it needs more than the build's (the bundled one). */
  env?: Record<string, string | undefined>;
  /** Milliseconds spent unpacking the bundled browser, the first time. */
  unpackedMs?: number;
}

export interface BrowserLookup {
  /** The build's environment: PUPPETEER_EXECUTABLE_PATH, PUPPETEER_CACHE_DIR, REPORT_BROWSER (`bundled` skips the other steps). */
  env: NodeJS.ProcessEnv;
  /** The pipeline's own cache folder (not a report's): the bundled browser is unpacked into its chromium/. */
  cacheDir: string;
  platform?: NodeJS.Platform;
  arch?: string;
}

const systemBrowsers: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

/**
 * The browser the build prints with, in this order: PUPPETEER_EXECUTABLE_PATH (used as given), a Chrome for
 * Testing in Puppeteer's download cache (see puppeteersOwn), a system Chromium or Chrome, then the Chromium
 * that comes with npm (see bundled.ts), unpacked into the cache the first time. REPORT_BROWSER=bundled goes
 * straight to the last, so that tests can use it on a machine that has a system one. Where there is none,
 * throws one catalogue line saying what to install.
 */
export async function findBrowser(lookup: BrowserLookup): Promise<FoundBrowser> {
  const { env, platform = process.platform, arch = process.arch } = lookup;
  const where = `${platform}-${arch}`;
  const only = env.REPORT_BROWSER || undefined;
  if (only !== undefined && only !== 'bundled')
    throw noBrowser(
      'REPORT_BROWSER',
      `Unknown choice "${only}"`,
      'set REPORT_BROWSER=bundled to use the Chromium that comes with npm, or leave it unset',
    );
  if (!only) {
    const given = env.PUPPETEER_EXECUTABLE_PATH;
    if (given) {
      if (!existsSync(given))
        throw noBrowser(
          given,
          'No browser at this path (PUPPETEER_EXECUTABLE_PATH)',
          'point PUPPETEER_EXECUTABLE_PATH at a Chrome or Chromium executable, or unset it to let the build find one',
        );
      return { executablePath: given, source: 'PUPPETEER_EXECUTABLE_PATH', name: path.basename(given) };
    }
    const own = await puppeteersOwn(env, platform, arch);
    if (own) return { executablePath: own, source: 'Puppeteer', name: 'Chrome for Testing' };
    const system = (systemBrowsers[platform] ?? []).find((p) => existsSync(p));
    if (system) return { executablePath: system, source: 'system', name: path.basename(system, '.exe') };
  }
  if (!bundledRunsOn(platform, arch)) {
    const why = `${noneFound(only)} Chromium that comes with npm runs on Linux x64 only`;
    throw noBrowser(where, why, `${installHint(platform)}, or set PUPPETEER_EXECUTABLE_PATH to one`);
  }
  let bundled;
  try {
    bundled = await bundledChromium(lookup.cacheDir, env);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw fault('browser-unpack', path.join(lookup.cacheDir, 'chromium'), [reason]);
  }
  if (!bundled) {
    const why = `${noneFound(only)} Chromium that comes with npm (optional dependency ${BUNDLED_PACKAGE}) is not installed`;
    throw noBrowser(
      where,
      why,
      `run npm install (without --omit=optional), ${installHint(platform)}, or set PUPPETEER_EXECUTABLE_PATH to one`,
    );
  }
  return {
    executablePath: bundled.executablePath,
    source: 'bundled',
    name: `Chromium from ${BUNDLED_PACKAGE} ${bundled.version}`,
    env: { ...env, ...bundled.env },
    unpackedMs: bundled.unpackedMs,
  };
}

/**
 * A Chrome for Testing that Puppeteer's tools downloaded (`npx @puppeteer/browsers install chrome@stable --path
 * ~/.cache/puppeteer`, or `npx puppeteer browsers install chrome`): the newest one for this machine in Puppeteer's
 * cache folder, PUPPETEER_CACHE_DIR or ~/.cache/puppeteer. The pipeline depends on puppeteer-core, which downloads
 * nothing: this only finds what a user fetched.
 */
async function puppeteersOwn(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  arch: string,
): Promise<string | undefined> {
  if (platform !== process.platform || arch !== process.arch) return undefined; // (a download is for this machine)
  const cacheDir = env.PUPPETEER_CACHE_DIR || path.join(env.HOME || os.homedir(), '.cache', 'puppeteer');
  if (!existsSync(cacheDir)) return undefined;
  try {
    const { Browser, detectBrowserPlatform, getInstalledBrowsers } = await import('@puppeteer/browsers');
    const here = detectBrowserPlatform();
    const chromes = (await getInstalledBrowsers({ cacheDir })).filter(
      (b) => b.browser === Browser.CHROME && b.platform === here && existsSync(b.executablePath),
    );
    return chromes.sort((a, b) => compareBuilds(a.buildId, b.buildId)).at(-1)?.executablePath;
  } catch {
    return undefined; // (a cache folder that cannot be read is no browser)
  }
}

/** Chrome build ids (131.0.6778.85), part by part as numbers (the package's own comparator takes semver only). */
function compareBuilds(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(pa!.length, pb!.length); i++) {
    const d = (pa![i] ?? 0) - (pb![i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function installHint(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'install Chromium or Chrome (Debian, Ubuntu: apt-get install chromium)';
  return 'install Google Chrome (https://www.google.com/chrome/)';
}

const noBrowser = (place: string, why: string, what: string): EnvironmentError =>
  fault('no-browser', place, [why], [what]);

/** The build's one line about its browser: its name and where it came from; with `detail`, its path and version. */
export function browserLine(found: FoundBrowser, detail?: { version: string }): string {
  const unpacked = found.unpackedMs === undefined ? '' : `, unpacked in ${(found.unpackedMs / 1000).toFixed(1)} s`;
  const more = detail ? `: ${found.executablePath}, ${detail.version}` : '';
  return `${'browser'.padEnd(19)}${found.name} (${found.source}${unpacked})${more}`;
}

/** How a message about the bundled Chromium begins: asked for by name, or the last place looked. */
function noneFound(only: string | undefined): string {
  return only ? 'REPORT_BROWSER=bundled, but the' : 'No Chrome or Chromium found, and the';
}
