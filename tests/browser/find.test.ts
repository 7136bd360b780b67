import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../scripts/browser/find.js';
import { bundledRunsOn } from '../../scripts/browser/bundled.js';
import { cli, repo, reportCopy } from '../helpers.js';
import { readPdf } from '../pdf.js';

const cacheDir = path.join(repo, '.cache');
const errorLines = (stderr: string) =>
  stderr
    .trim()
    .split('\n')
    .filter((l) => !l.includes('  warning  '));
const sources = 'system|Puppeteer|bundled|PUPPETEER_EXECUTABLE_PATH';

describe('without a browser', () => {
  it('at the path PUPPETEER_EXECUTABLE_PATH gives: stops with one line saying what to do, and no stack trace', async () => {
    const r = await cli(['build', '--root', reportCopy('mini'), '--quiet'], {
      PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome',
    });
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([
      '/nonexistent/chrome  error  No browser at this path (PUPPETEER_EXECUTABLE_PATH) — point PUPPETEER_EXECUTABLE_PATH at a Chrome or Chromium executable, or unset it to let the build find one  [no-browser]',
    ]);
  });

  it('on a machine where the bundled Chromium cannot run (macOS arm64, no Chrome): one line saying what to install', async () => {
    // (The system paths looked at are macOS's, which this Linux machine does not have.)
    await expect(findBrowser({ env: {}, cacheDir, platform: 'darwin', arch: 'arm64' })).rejects.toThrow(
      /^darwin-arm64 {2}error {2}No Chrome or Chromium found, and the Chromium that comes with npm runs on Linux x64 only — install Google Chrome \(https:\/\/www\.google\.com\/chrome\/\), or set PUPPETEER_EXECUTABLE_PATH to one {2}\[no-browser\]$/,
    );
    await expect(
      findBrowser({ env: { REPORT_BROWSER: 'bundled' }, cacheDir, platform: 'linux', arch: 'arm64' }),
    ).rejects.toThrow(
      /^linux-arm64 {2}error {2}REPORT_BROWSER=bundled, but the Chromium that comes with npm runs on Linux x64 only — install Chromium or Chrome \(Debian, Ubuntu: apt-get install chromium\), or set PUPPETEER_EXECUTABLE_PATH to one {2}\[no-browser\]$/,
    );
  });

  it('chosen by an unknown REPORT_BROWSER: one line', async () => {
    const r = await cli(['build', '--root', reportCopy('mini'), '--quiet'], { REPORT_BROWSER: 'firefox' });
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([
      'REPORT_BROWSER  error  Unknown choice "firefox" — set REPORT_BROWSER=bundled to use the Chromium that comes with npm, or leave it unset  [no-browser]',
    ]);
  });
});

describe.skipIf(!bundledRunsOn(process.platform, process.arch))('the build', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const copy = () => {
    const root = reportCopy('mini');
    roots.push(root);
    return root;
  };

  it('with REPORT_BROWSER=bundled, prints with the Chromium that comes with npm and says so in one line', async () => {
    const root = copy();
    const r = await cli(['build', '--root', root], { REPORT_BROWSER: 'bundled' });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('browser '));
    expect(lines).toEqual([
      expect.stringMatching(
        /^browser {12}Chromium from @sparticuz\/chromium \d+\.\d+\.\d+ \(bundled(, unpacked in \d+\.\d s)?\)$/,
      ),
    ]);
    expect((await readPdf(path.join(root, 'dist', 'en', 'mini-report-en.pdf'))).pages.length).toBeGreaterThan(1);
  });

  it('with --verbose, names the browser it found, where from, its path and its version', async () => {
    const r = await cli(['build', '--root', copy(), '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('browser '));
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^browser {12}.+ \\((?:${sources})[^)]*\\): /\\S+, \\S+/\\d+\\.\\d+`)),
    ]);
  });
});

describe('looking for a browser', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH as given, before anything else', async () => {
    const given = path.join(repo, 'tests', 'fixtures', 'fake-browsers', 'crash.sh');
    expect(await findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: given }, cacheDir })).toEqual({
      executablePath: given,
      source: 'PUPPETEER_EXECUTABLE_PATH',
      name: 'crash.sh',
    });
  });

  it("takes the newest Chrome for Testing in Puppeteer's download cache (PUPPETEER_CACHE_DIR), before a system one", async () => {
    const { Browser, computeExecutablePath, detectBrowserPlatform } = await import('@puppeteer/browsers');
    const puppeteerCache = mkdtempSync(path.join(tmpdir(), 'puppeteer-cache-'));
    try {
      // Laid out as `npx @puppeteer/browsers install chrome@<id>` lays it out (an empty executable stands in).
      const install = (buildId: string) => {
        const exe = computeExecutablePath({
          cacheDir: puppeteerCache,
          browser: Browser.CHROME,
          buildId,
          platform: detectBrowserPlatform()!,
        });
        mkdirSync(path.dirname(exe), { recursive: true });
        writeFileSync(exe, '', { mode: 0o755 });
        return exe;
      };
      install('99.0.4844.51');
      const newest = install('131.0.6778.85');
      install('131.0.6778.9');
      expect(await findBrowser({ env: { PUPPETEER_CACHE_DIR: puppeteerCache }, cacheDir })).toEqual({
        executablePath: newest,
        source: 'Puppeteer',
        name: 'Chrome for Testing',
      });
      if (bundledRunsOn(process.platform, process.arch)) {
        expect(
          (await findBrowser({ env: { PUPPETEER_CACHE_DIR: puppeteerCache, REPORT_BROWSER: 'bundled' }, cacheDir }))
            .source,
          'REPORT_BROWSER=bundled skips it',
        ).toBe('bundled');
      }
    } finally {
      rmSync(puppeteerCache, { recursive: true, force: true });
    }
  });

  it.skipIf(!bundledRunsOn(process.platform, process.arch))(
    'with REPORT_BROWSER=bundled, skips PUPPETEER_EXECUTABLE_PATH and the system',
    async () => {
      const found = await findBrowser({
        env: { REPORT_BROWSER: 'bundled', PUPPETEER_EXECUTABLE_PATH: '/usr/bin/chromium', LD_LIBRARY_PATH: '/opt/x' },
        cacheDir,
      });
      expect(found).toMatchObject({
        source: 'bundled',
        executablePath: expect.stringMatching(new RegExp(`^${cacheDir}/chromium/\\d+\\.\\d+\\.\\d+/chromium$`)),
      });
      // Its own libraries first, then the build's; its own fontconfig file.
      expect(found.env?.LD_LIBRARY_PATH).toBe(`${path.dirname(found.executablePath)}/lib:/opt/x`);
      expect(found.env?.FONTCONFIG_FILE).toBe(`${path.dirname(found.executablePath)}/fonts.conf`);
    },
  );
});
