import path from 'node:path';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticReport } from '../../bench/synthetic.js';
import { cli } from '../helpers.js';

/**
 * The chart worker threads as `npm run build` runs them: from the compiled CLI (bin/report.js), whose
 * chart-thread.js is an entry of its own. A machine with more cores than this one is simulated
 * (many-cores.mjs); the charts drawn in threads must be the ones drawn without.
 */
const wait = 900_000;
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A synthetic report with enough charts for one thread (24 per thread: 12 chapters × 2 editions). */
function report(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'chart-threads-'));
  roots.push(root);
  writeSyntheticReport(root, 12);
  return root;
}

function chartFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const lang of ['zh', 'en']) {
    const html = readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');
    // Each figure's inline SVG (print and phone layouts), by its order in the page.
    [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].forEach((m, i) => out.set(`${lang}#${i}`, m[0]));
    for (const f of readdirSync(path.join(root, 'dist', lang, 'charts')))
      if (f.endsWith('.svg')) out.set(`${lang}/${f}`, readFileSync(path.join(root, 'dist', lang, 'charts', f), 'utf8'));
  }
  return out;
}

describe('chart worker threads in the compiled CLI', () => {
  it('render the charts on more cores, the same as one thread does', { timeout: wait }, async () => {
    const threaded = report();
    const many = await cli(['build', '--root', threaded, '--format', 'html'], {
      NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'many-cores.mjs')}`,
    });
    expect(many.code, many.stderr).toBe(0);
    expect(many.stderr).toMatch(
      /\[many-cores\] worker thread: file:\/\/\S*\/\.cache\/cli\/[0-9a-f]{16}\/chart-thread\.js/,
    );
    expect(many.stdout).toContain('(48 chart(s) rendered)');

    const single = report();
    const one = await cli(['build', '--root', single, '--format', 'html']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).not.toContain('[many-cores]');

    const a = chartFiles(threaded);
    const b = chartFiles(single);
    expect(a.size).toBeGreaterThanOrEqual(24 * 2);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, svg] of a) expect(svg, k).toBe(b.get(k));
  });
});
