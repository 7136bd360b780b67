import path from 'node:path';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repo, snapshot } from '../helpers.js';
import {
  Leftovers,
  allProcs,
  alive,
  descendants,
  exited,
  prebuiltMiniDist,
  reportWithDist as reportWithPrebuiltDist,
  signal,
  waitFor,
  type Proc,
  type Run,
} from '../procs.js';

/**
 * Browser faults: a browser that never answers or dies at start, and a real
 * Chromium that is killed or frozen in the middle of a build. Each time the
 * build must stop within a bounded time with one clear line, leave dist/ as it
 * was, and leave no browser process behind (checked in /proc).
 */

// What each test starts (runs, Chromium processes, temp folders): nothing may outlive it, whatever happened.
const left = new Leftovers();
const start = (args: string[], env: Record<string, string> = {}): Run => left.start(args, env);
const browserProcs = left.procs;
const tempDirs = left.dirs;

afterEach(() => left.cleanUp());

// ---- the tests ---------------------------------------------------------------

let goodDist: string;

beforeAll(async () => {
  goodDist = await prebuiltMiniDist(left, 'faults-dist');
});

afterAll(() => rmSync(goodDist, { recursive: true, force: true }));

/** A mini report with a previous build in dist/. */
const reportWithDist = () => reportWithPrebuiltDist(left, goodDist);

/** The fake browser, copied to a path of this test's own (other runs of this file may be going on). */
function fakeBrowser(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-browser-'));
  tempDirs.push(dir);
  const exe = path.join(dir, name);
  copyFileSync(path.join(repo, 'tests', 'fixtures', 'fake-browsers', name), exe);
  chmodSync(exe, 0o755);
  return exe;
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /\serror\s/.test(l));
}

function expectCleanFailure(r: Run, root: string, dist: string, before: Map<string, string>): void {
  expect(r.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(snapshot(dist)).toEqual(before);
  expect(existsSync(path.join(root, 'dist.lock')), 'the lock is released').toBe(false);
  expect(
    readdirSync(root).filter((n) => n.startsWith('.dist.staging-')),
    'the staging folder is removed',
  ).toEqual([]);
}

describe('a browser that fails to start', () => {
  it('never answers: the build gives up after --browser-timeout, says so in one line, and kills it', async () => {
    const { root, dist, before } = reportWithDist();
    const exe = fakeBrowser('hang.sh');
    const r = start(['build', '--root', root, '--quiet', '--browser-timeout', '5'], { PUPPETEER_EXECUTABLE_PATH: exe });
    // Note the fake browser and its helper while they run.
    const up = () => descendants(r.child.pid!);
    await waitFor(
      'the fake browser and its helper to start',
      () => up().some((p) => p.args.includes(exe)) && up().some((p) => p.args.startsWith('sleep')),
      120_000,
      exited(r),
    );
    browserProcs.push(...descendants(r.child.pid!));
    const { code } = await r.exit;
    expect(code, r.stderr).toBe(1);
    const lines = errorLines(r.stderr);
    expect(lines).toEqual([
      `${exe}  error  The browser did not start: no answer within 5 s — check that it is a working Chromium or Chrome, or set PUPPETEER_EXECUTABLE_PATH to one; on a slow machine raise --browser-timeout  [browser-start]`,
    ]);
    expectCleanFailure(r, root, dist, before);
    expect(browserProcs.length).toBeGreaterThanOrEqual(2); // the script and its `sleep`
    await waitFor('the fake browser to be gone', () => !browserProcs.some(alive), 10_000);
    const ps = await new Promise<string>((resolve) => {
      const p = spawn('ps', ['-eo', 'pid,args']);
      let out = '';
      p.stdout.on('data', (b: Buffer) => (out += b.toString()));
      p.on('close', () => resolve(out));
    });
    expect(ps.split('\n').filter((l) => l.includes(exe))).toEqual([]);
  });

  it('exits at once: one line saying it did not start', async () => {
    const { root, dist, before } = reportWithDist();
    const exe = fakeBrowser('crash.sh');
    const r = start(['build', '--root', root, '--quiet'], { PUPPETEER_EXECUTABLE_PATH: exe });
    const { code } = await r.exit;
    expect(code, r.stderr).toBe(1);
    expect(errorLines(r.stderr)).toEqual([
      `${exe}  error  The browser did not start: it exited as soon as it started — check that it is a working Chromium or Chrome, or set PUPPETEER_EXECUTABLE_PATH to one; run it by hand to see why  [browser-start]`,
    ]);
    expectCleanFailure(r, root, dist, before);
  });
});

describe('Chromium failing in the middle of a build', () => {
  /**
   * Start a PDF build and hold it (SIGSTOP) once the first edition's HTML is
   * written and Chromium has started — printing is next.
   * Returns the build and Chromium's processes, the main one first.
   */
  async function heldBuild(extra: string[]) {
    const { root, dist, before } = reportWithDist();
    const r = start(['build', '--root', root, '--format', 'pdf', ...extra]);
    // (Chromium starts beside the stages, and the charts no longer need it: its line may come after the HTML's)
    await waitFor(
      'the first write-html stage line, and Chromium started',
      () => /^write-html\s+\d+ ms$/m.test(r.stdout) && /^browser\s+\S/m.test(r.stdout),
      240_000,
      exited(r),
    );
    signal(r.child.pid!, 'SIGSTOP');
    const main = descendants(r.child.pid!).find((p) => p.ppid === r.child.pid && /chrom/i.test(p.args));
    expect(main, `a Chromium started by the build (pid ${r.child.pid})`).toBeDefined();
    browserProcs.push(main!);
    return { root, dist, before, r, main: main! };
  }

  /** The rest of Chromium (zygotes, renderers…) as it is now, recorded for the checks and the clean-up. */
  function helpersOf(main: Proc): Proc[] {
    const helpers = descendants(main.pid);
    browserProcs.push(...helpers);
    return helpers;
  }

  it('killed: the build stops at once with one line saying the browser crashed, and leaves no Chromium behind', async () => {
    const { root, dist, before, r, main } = await heldBuild([]);
    const helpers = helpersOf(main);
    signal(main.pid, 'SIGKILL');
    const killed = performance.now();
    signal(r.child.pid!, 'SIGCONT');
    const { code } = await r.exit;
    expect(code, r.stderr).toBe(1);
    // (Before, about half the builds then waited 30 s for Puppeteer to give up on what the dead browser never sends.)
    expect(performance.now() - killed, 'the build to stop within seconds').toBeLessThan(20_000);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\S+  error  The browser crashed or was killed while printing the PDF — try again; if it persists, check free memory or run with --verbose  \[browser-crashed\]$/,
    );
    expectCleanFailure(r, root, dist, before);
    await waitFor('every Chromium process of the build to be gone', () => ![main, ...helpers].some(alive), 30_000);
    expect(allProcs().filter((p) => p.pgrp === main.pid && alive(p))).toEqual([]);
  });

  it('frozen: the build gives up after --browser-timeout with one line, and kills the frozen Chromium', async () => {
    const { root, dist, before, r, main } = await heldBuild(['--browser-timeout', '20']);
    // Freeze Chromium whole: the main process, then every process it has, until none is left running.
    const frozen = new Map<number, Proc>();
    for (let round = 0; round < 20; round++) {
      const procs = [main, ...descendants(main.pid)].filter((p) => !frozen.has(p.pid));
      if (!procs.length) break;
      for (const p of procs) {
        signal(p.pid, 'SIGSTOP');
        frozen.set(p.pid, p);
        browserProcs.push(p);
      }
    }
    signal(r.child.pid!, 'SIGCONT');
    const { code } = await r.exit;
    expect(code, r.stderr).toBe(1);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\S+  error  The browser stopped responding while printing the PDF \(no answer within 20 s\) — try again; if it persists, check free memory, raise --browser-timeout or run with --verbose  \[browser-timeout\]$/,
    );
    expectCleanFailure(r, root, dist, before);
    await waitFor('every Chromium process of the build to be gone', () => ![...frozen.values()].some(alive), 30_000);
    expect(allProcs().filter((p) => p.pgrp === main.pid && alive(p))).toEqual([]);
  });
});
