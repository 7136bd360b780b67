import path from 'node:path';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { prepare } from '../../../scripts/build.js';
import { editionChart } from '../../../scripts/stages/render-charts/edition-chart.js';
import { chartThreads } from '../../../scripts/stages/render-charts/chart-pool.js';
import { options, repo } from '../../helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chart-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a chart thread', () => {
  it('renders a chart as this thread does (same SVGs, notes and count), writing the same cache', async () => {
    const prep = await prepare(options(repo, path.join(dir, 'dist'), { cacheDir: path.join(dir, 'here') }));
    const inputs = { data: prep.data, templates: prep.templates };
    const figures = [...prep.data.figures.values()].filter((f) => f.spec).slice(0, 2);
    const [thread] = chartThreads({ ...prep.ctx, cacheDir: path.join(dir, 'thread') }, inputs, 1);
    try {
      for (const figure of figures) {
        for (const lang of ['zh', 'en'] as const) {
          const here = await editionChart(prep.ctx, inputs, lang, figure);
          const there = await thread!.render(lang, figure.id);
          expect(here!.rendered).toBe(2);
          expect(there).toEqual(here);
        }
      }
    } finally {
      await thread!.close();
    }
    expect(readdirSync(path.join(dir, 'thread', 'charts')).sort()).toEqual(
      readdirSync(path.join(dir, 'here', 'charts')).sort(),
    );
  });

  it("fails a chart it cannot render with the thread's error, not silently", async () => {
    const prep = await prepare(options(repo, path.join(dir, 'dist'), { cacheDir: path.join(dir, 'bad') }));
    const [thread] = chartThreads(prep.ctx, { data: prep.data, templates: prep.templates }, 1);
    try {
      await expect(thread!.render('en', 'fig:no-such-figure')).rejects.toThrow(/chart thread: .*/);
    } finally {
      await thread!.close();
    }
  });
});
