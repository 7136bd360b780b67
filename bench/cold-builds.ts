/**
 * Cold builds in a row, counting the ones that fail: what finds a race between the build's writes and its loads
 * (#30, item 12: a chart host page removed under a page loading it failed 2 builds in 26).
 *
 *   npx tsx bench/cold-builds.ts [--runs 50] [--truly-cold 10] [--root tests/fixtures/mini]
 *
 * Each run builds a copy of the report (both editions, HTML and PDF) with `node bin/report.js build` after deleting
 * the copy's .cache/ and its output; the first `--truly-cold` runs also delete the package's own .cache/ (the
 * compiled CLI and the unpacked Chromium: the next build compiles and unpacks again). Prints one line per run and
 * the stderr of each that failed; exits 1 when any did. Best run while the machine is busy.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    'truly-cold': { type: 'string', default: '0' },
    root: { type: 'string', default: path.join(pkg, 'tests', 'fixtures', 'mini') },
  },
});
const runs = Number(values.runs);
const trulyCold = Number(values['truly-cold']);

const work = mkdtempSync(path.join(tmpdir(), 'cold-builds-'));
const root = path.join(work, 'report');
const out = path.join(work, 'dist');
for (const part of ['report.yaml', 'content', 'data', 'templates']) {
  const from = path.join(path.resolve(values.root), part);
  if (readdirSync(path.dirname(from)).includes(part)) cpSync(from, path.join(root, part), { recursive: true });
}

let failed = 0;
try {
  for (let i = 1; i <= runs; i++) {
    const truly = i <= trulyCold;
    rmSync(path.join(root, '.cache'), { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    if (truly) rmSync(path.join(pkg, '.cache'), { recursive: true, force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(pkg, 'bin', 'report.js'), 'build', '--root', root, '--out', out], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    const load = loadavg()[0]!.toFixed(1);
    console.log(`${i} ${truly ? 'truly cold' : 'cold'}: exit ${r.status ?? r.signal} in ${s} s (load ${load})`);
    if (r.status !== 0) {
      failed++;
      console.log(r.stderr.trimEnd());
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${failed} of ${runs} failed (${Math.min(trulyCold, runs)} truly cold)`);
process.exitCode = failed ? 1 : 0;
