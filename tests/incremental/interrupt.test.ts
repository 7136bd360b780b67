import path from 'node:path';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, snapshot } from '../helpers.js';
import {
  Leftovers,
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
 * A build stopped half-way — Ctrl-C, or killed outright — leaves the previous
 * dist/ exactly as it was; the next build cleans up after it (stale staging
 * folder, a lock left by a dead process) and succeeds. Two builds at once on
 * the same output never both write it.
 */

// What each test starts (runs, Chromium processes, temp folders), removed after it.
const left = new Leftovers();
const start = (args: string[]): Run => left.start(args);
const browserProcs = left.procs;

afterEach(() => left.cleanUp());

// ---- the tests ---------------------------------------------------------------

let goodDist: string;

beforeAll(async () => {
  goodDist = await prebuiltMiniDist(left, 'interrupt-dist');
});

afterAll(() => rmSync(goodDist, { recursive: true, force: true }));

/** A mini report with a previous build in dist/. */
const reportWithDist = () => reportWithPrebuiltDist(left, goodDist);

const stagingIn = (root: string) => readdirSync(root).filter((n) => n.startsWith('.dist.staging-'));

/**
 * Start a PDF build and wait until it is writing: the first edition's HTML is
 * in the staging folder, Chromium is up, printing comes next. Returns the
 * build and the Chromium processes it has started.
 */
async function buildUnderWay(root: string): Promise<{ r: Run; chromium: Proc[] }> {
  const r = start(['build', '--root', root, '--format', 'pdf']);
  await waitFor('the first write-html stage line', () => /^write-html\s+\d+ ms$/m.test(r.stdout), 240_000, exited(r));
  const chromium = descendants(r.child.pid!);
  browserProcs.push(...chromium);
  expect(
    chromium.some((p) => /chrom/i.test(p.args)),
    'Chromium is running',
  ).toBe(true);
  return { r, chromium };
}

/** The build after an interrupted one: succeeds, and leaves a complete dist/, no staging folder and no lock. */
async function nextBuildSucceeds(root: string, dist: string): Promise<void> {
  const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  expect(stagingIn(root), 'stale staging folders are swept').toEqual([]);
  expect(existsSync(path.join(root, 'dist.lock'))).toBe(false);
  for (const f of ['index.html', 'zh/index.html', 'en/index.html'])
    expect(existsSync(path.join(dist, f)), f).toBe(true);
}

describe('an interrupted build', () => {
  it('Ctrl-C (SIGINT): exits 130, dist/ unchanged, lock released, Chromium gone; the next build succeeds', async () => {
    const { root, dist, before } = reportWithDist();
    const { r, chromium } = await buildUnderWay(root);
    signal(r.child.pid!, 'SIGINT');
    const { code } = await r.exit;
    expect(code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/^build interrupted \(SIGINT\); .* is unchanged$/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).not.toMatch(/^built /m);
    expect(snapshot(dist)).toEqual(before);
    expect(existsSync(path.join(root, 'dist.lock')), 'the lock is released').toBe(false);
    await waitFor('the Chromium of the build to be gone', () => !chromium.some(alive), 30_000);
    await nextBuildSucceeds(root, dist);
  });

  it('killed (SIGKILL): dist/ unchanged; the next build takes over the dead lock, sweeps the staging folder and succeeds', async () => {
    const { root, dist, before } = reportWithDist();
    const { r, chromium } = await buildUnderWay(root);
    signal(r.child.pid!, 'SIGKILL');
    const { signal: sig } = await r.exit;
    expect(sig).toBe('SIGKILL');
    expect(r.stdout).not.toMatch(/^built /m);
    expect(snapshot(dist)).toEqual(before);
    // Left behind by a process that could not clean up: the lock, naming it, and its staging folder.
    const [owner] = readdirSync(path.join(root, 'dist.lock'));
    expect(readFileSync(path.join(root, 'dist.lock', owner!, 'owner'), 'utf8')).toMatch(new RegExp(`^${r.child.pid} `));
    expect(stagingIn(root)).toHaveLength(1);
    // Chromium talks to the build over a pipe: with the build gone, it quits by itself.
    await waitFor('the orphaned Chromium to quit', () => !chromium.some(alive), 60_000);
    await nextBuildSucceeds(root, dist);
  });
});

/**
 * A stretch of time inside the one in which a run held the lock, as seen from here: from its first output (it
 * prints nothing before it holds the lock: a refused run prints nothing on stdout at all) to its `built` line
 * (printed before it releases the lock).
 */
interface Holding {
  run: Run;
  from?: number;
  to?: number;
}

function holding(run: Run): Holding {
  const h: Holding = { run };
  // (Called after startCli's own listener, which has added the chunk to run.stdout.)
  run.child.stdout!.on('data', () => {
    const now = performance.now();
    h.from ??= now;
    if (h.to === undefined && /^built /m.test(run.stdout)) h.to = now;
  });
  return h;
}

/**
 * Every two runs that built held the lock one after the other: one printed its `built` line before the other
 * printed anything. Without the lock, builds started at once all build, side by side.
 */
function oneAfterTheOther(built: Holding[], out: string): void {
  const shown = (h: Holding) => `pid ${h.run.child.pid}: ${Math.round(h.from ?? NaN)}–${Math.round(h.to ?? NaN)} ms`;
  for (const h of built) expect(h.from !== undefined && h.to !== undefined, `${shown(h)}\n${out}`).toBe(true);
  for (const [i, a] of built.entries()) {
    for (const b of built.slice(i + 1)) {
      expect(
        a.to! < b.from! || b.to! < a.from!,
        `two builds wrote at the same time (${shown(a)}; ${shown(b)})\n${out}`,
      ).toBe(true);
    }
  }
}

describe('two builds at once on the same report', () => {
  it('one builds, the other is refused with [locked] (or runs after it); dist/ is one complete build', async () => {
    const { root, dist } = reportWithDist();
    const held = [0, 1].map(() => holding(start(['build', '--root', root, '--format', 'pdf'])));
    const runs = held.map((h) => h.run);
    const results = await Promise.all(runs.map((r) => r.exit));
    const built = runs.filter((_, i) => results[i]!.code === 0);
    const refused = runs.filter((_, i) => results[i]!.code !== 0);
    const out = runs.map((r, i) => `#${i} exit ${results[i]!.code}\n${r.stdout}\n${r.stderr}`).join('\n');
    expect(built.length, out).toBeGreaterThanOrEqual(1);
    // Both built only if the second started writing after the first had finished.
    oneAfterTheOther(
      held.filter((h) => built.includes(h.run)),
      out,
    );
    for (const r of refused) {
      expect(r.child.exitCode).toBe(1);
      expect(r.stderr.split('\n').filter((l) => /\serror\s/.test(l))).toEqual([
        expect.stringMatching(
          /^dist  error  another build \(process \d+\) is writing \S+ — wait for it to finish  \[locked\]$/,
        ),
      ]);
      // Refused before it wrote anything: no stage ran.
      expect(r.stdout).toBe('');
    }
    for (const r of built) expect(r.stdout).toMatch(/^built zh \+ en → /m);
    for (const f of [
      'index.html',
      'zh/index.html',
      'en/index.html',
      'zh/mini-report-zh.pdf',
      'en/mini-report-en.pdf',
    ]) {
      expect(existsSync(path.join(dist, f)), f).toBe(true);
    }
    expect(
      readFileSync(path.join(dist, 'zh', 'mini-report-zh.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(stagingIn(root)).toEqual([]);
    expect(existsSync(path.join(root, 'dist.lock'))).toBe(false);
  });
});

describe('several builds at once on a report whose lock a killed build left', () => {
  it('one takes the lock over and builds; the others are refused, naming a build of theirs as the holder, or build after it', async () => {
    const { root, dist } = reportWithDist();
    // The lock of a build that was killed: its process is gone.
    const gone = start(['--version']);
    await gone.exit;
    const { acquireLock } = await import('../../scripts/incremental/lock.js');
    expect(typeof acquireLock(dist, gone.child.pid!, () => true)).toBe('function');
    const held = Array.from({ length: 5 }, () =>
      holding(start(['build', '--root', root, '--format', 'html', '--force'])),
    );
    const runs = held.map((h) => h.run);
    const results = await Promise.all(runs.map((r) => r.exit));
    const out = runs.map((r, i) => `#${i} exit ${results[i]!.code}\n${r.stdout}\n${r.stderr}`).join('\n');
    expect(results.filter((x) => x.code === 0).length, out).toBeGreaterThanOrEqual(1);
    // Those that built did so one after the other, never two at once.
    oneAfterTheOther(
      held.filter((_, i) => results[i]!.code === 0),
      out,
    );
    for (const [i, r] of runs.entries()) {
      if (results[i]!.code === 0) {
        expect(r.stdout, out).toMatch(/^built zh \+ en → /m);
        continue;
      }
      expect(results[i]!.code, out).toBe(1);
      // Refused, naming a build of this test as the holder (never the dead one), before any stage ran.
      const holder =
        /^dist {2}error {2}another build \(process (\d+)\) is writing \S+ — wait for it to finish {2}\[locked\]$/m.exec(
          r.stderr,
        )?.[1];
      expect(
        runs.map((x) => String(x.child.pid)),
        out,
      ).toContain(holder);
      expect(r.stdout, out).toBe('');
    }
    for (const f of ['index.html', 'zh/index.html', 'en/index.html'])
      expect(existsSync(path.join(dist, f)), f).toBe(true);
    expect(stagingIn(root)).toEqual([]);
    expect(existsSync(path.join(root, 'dist.lock'))).toBe(false);
    expect(
      readdirSync(root).filter((n) => n.startsWith('dist.lock.')),
      'no half-made lock folders are left',
    ).toEqual([]);
  });
});
