import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledChromium, bundledRunsOn } from '../../scripts/browser/bundled.js';

/**
 * The Chromium that comes with npm, unpacked into a cache folder of this test's own: once, and never seen
 * half-written by a second build unpacking at the same time.
 */
describe.skipIf(!bundledRunsOn(process.platform, process.arch))('the bundled Chromium', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'bundled-cache-'));
  const root = path.join(cacheDir, 'chromium');
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('is unpacked once by two builds at the same time, appears only complete, and sweeps what earlier ones left', async () => {
    // Left by an earlier version, and by a build killed while unpacking (its process is gone).
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(path.join(root, '1.0.0'), { recursive: true });
    mkdirSync(path.join(root, `.unpack-${gone}-abc123`));

    // Watch the folder while they unpack: whenever the browser's folder is there, its files are whole. It is
    // looked at every 10 ms, and once more as soon as the first of the two returns (the other may still be at
    // work): the folder is then there, so the test always has at least one sighting to judge.
    const seen: { size: number; fontconfig: boolean; libs: boolean }[] = [];
    const look = () => {
      const dir = readdirSync(root).find((n) => /^\d+\.\d+\.\d+$/.test(n) && n !== '1.0.0');
      if (!dir) return;
      const at = (f: string) => path.join(root, dir, f);
      seen.push({
        size: existsSync(at('chromium')) ? statSync(at('chromium')).size : -1,
        fontconfig: existsSync(at('fonts.conf')),
        libs: existsSync(at('lib/libnss3.so')),
      });
    };
    const watch = setInterval(look, 10);
    let both;
    try {
      const calls = [bundledChromium(cacheDir, {}), bundledChromium(cacheDir, {})];
      void Promise.race(calls).then(look, () => undefined);
      both = await Promise.all(calls);
    } finally {
      clearInterval(watch);
    }
    const [a, b] = both;
    expect(a?.executablePath).toBeDefined();
    expect(b?.executablePath).toBe(a!.executablePath);
    const size = statSync(a!.executablePath).size;
    expect(size).toBeGreaterThan(100e6);
    expect(seen.length, "the browser's folder was seen while they unpacked").toBeGreaterThan(0);
    expect(
      seen.filter((s) => !(s.size === size && s.fontconfig && s.libs)),
      'never seen incomplete',
    ).toEqual([]);
    expect(readdirSync(root), 'one browser, no temporary folders, no older version').toEqual([a!.version]);

    // The next build finds it unpacked, and it runs (with its own libraries).
    const again = await bundledChromium(cacheDir, {});
    expect(again).toMatchObject({ executablePath: a!.executablePath, unpackedMs: undefined });
    const run = spawnSync(again!.executablePath, ['--version'], {
      env: { ...process.env, ...again!.env },
      encoding: 'utf8',
    });
    expect(run.stdout).toMatch(new RegExp(`^Chromium ${a!.version.split('.')[0]}\\.`));
  });

  it('is unpacked again when its folder was damaged', async () => {
    const first = (await bundledChromium(cacheDir, {}))!;
    rmSync(path.join(path.dirname(first.executablePath), 'lib'), { recursive: true });
    const again = (await bundledChromium(cacheDir, {}))!;
    expect(again.unpackedMs).toBeGreaterThan(0);
    expect(existsSync(path.join(path.dirname(again.executablePath), 'lib', 'libnss3.so'))).toBe(true);
  });
});
