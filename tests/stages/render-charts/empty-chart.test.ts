import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../scripts/build.js';
import { newSession, settled } from '../../../scripts/context.js';
import { formatDiagnostic } from '../../../scripts/diagnostics/catalogue.js';
import { options, reportCopy } from '../../helpers.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** The warnings of an HTML build of the mini report whose chart keeps the rows `filter` keeps, built twice (the second from the cache). */
async function chartWarnings(filter: string): Promise<string[][]> {
  const root = reportCopy('mini');
  roots.push(root);
  const spec = path.join(root, 'data', 'charts', 'growth.vl.json');
  const written = JSON.parse(readFileSync(spec, 'utf8')) as Record<string, unknown>;
  writeFileSync(spec, JSON.stringify({ ...written, transform: [{ filter }] }, null, 2));
  const session = newSession();
  const runs: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const r = await build(options(root, path.join(root, 'dist'), { formats: ['html'], session }));
    await settled(session);
    runs.push(r.diagnostics.filter((d) => d.rule === 'chart-spec').map(formatDiagnostic));
  }
  return runs;
}

describe('a chart that draws no data', () => {
  it('is built with a warning at its spec, again when it comes from the cache', async () => {
    const runs = await chartWarnings('datum.year > 3000');
    for (const warnings of runs) {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^data\/charts\/growth\.vl\.json:1:1 {2}warning {2}.*draws no data.*\[chart-spec\]$/);
    }
  });

  it('says nothing of a chart whose filter keeps a row', async () => {
    expect(await chartWarnings('datum.year > 2019')).toEqual([[], []]);
  });
});
