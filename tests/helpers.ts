import path from 'node:path';
import http from 'node:http';
import { cpSync, mkdtempSync, rmSync, existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync, execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { findBrowser } from '../scripts/browser/find.js';
import { launchBrowser } from '../scripts/browser/launch.js';
import type { BuildOptions } from '../scripts/build.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A temp copy of a report: the repository's own (`'real'`) or a fixture (its look comes from the built-in theme/). */
export function reportCopy(name: 'real' | string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `report-${name.replace(/\W/g, '-')}-`));
  const src = name === 'real' ? repo : path.join(repo, 'tests', 'fixtures', name);
  for (const part of ['report.yaml', 'content', 'data', 'templates', 'images', 'assets']) {
    if (existsSync(path.join(src, part))) cpSync(path.join(src, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}

/** Lay the files of `overlay` over `dir`; a file named X.delete removes X. */
export function overlay(dir: string, overlayDir: string): void {
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(overlayDir, rel))) {
      const r = path.join(rel, name);
      if (name === 'expected.txt' && rel === '') continue;
      if (statSync(path.join(overlayDir, r)).isDirectory()) walk(r);
      else if (name.endsWith('.delete'))
        rmSync(path.join(dir, r.slice(0, -'.delete'.length)), { recursive: true, force: true });
      else cpSync(path.join(overlayDir, r), path.join(dir, r));
    }
  };
  walk('');
}

/**
 * The environment of a CLI run: the tests' own, with `env` over it. A test that names a browser
 * (PUPPETEER_EXECUTABLE_PATH: a fake one that hangs or crashes) gets it even under REPORT_BROWSER=bundled.
 */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...(env.PUPPETEER_EXECUTABLE_PATH ? { REPORT_BROWSER: '' } : {}), ...env };
}

/** Run the CLI as a user would: `npm run build` runs bin/report.js (asynchronously, so the test worker stays responsive). */
export function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repo, 'bin', 'report.js'), ...args],
      { cwd: repo, env: cliEnv(env), timeout: 600_000, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const shared = new Map<string, Promise<Browser>>();

/**
 * One browser for all in-process builds of a test file: `'found'`, the one a build would find (which
 * REPORT_BROWSER=bundled makes the bundled one); `'bundled'`, always the Chromium that comes with npm;
 * `'machine'`, the one a build would find without REPORT_BROWSER (the bundled one only where there is no other).
 */
export function testBrowser(which: 'found' | 'bundled' | 'machine' = 'found'): Promise<Browser> {
  let browser = shared.get(which);
  if (!browser) {
    const env = {
      ...process.env,
      ...(which === 'found' ? {} : { REPORT_BROWSER: which === 'bundled' ? 'bundled' : '' }),
    };
    browser = findBrowser({ env, cacheDir: path.join(repo, '.cache') }).then((found) =>
      launchBrowser({ ...found, asRoot: process.getuid?.() === 0 }),
    );
    shared.set(which, browser);
  }
  return browser;
}

export async function closeTestBrowser(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  for (const b of all) await b.then((browser) => browser.close()).catch(() => undefined);
}

export function options(root: string, out: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    root,
    outDir: out,
    packageDir: repo,
    cacheDir: path.join(root, '.cache'),
    formats: ['html', 'pdf'],
    strict: false,
    browser: testBrowser,
    log: () => undefined,
    ...extra,
  };
}

export function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Every file under `dir` with its bytes, for "unchanged" checks. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** GET over HTTP (no keep-alive): the status, a redirect's target, and the body as text. */
export function httpGet(href: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(href, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, body }));
      })
      .on('error', reject);
  });
}
