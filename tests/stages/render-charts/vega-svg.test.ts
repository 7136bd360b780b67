import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import type { Page } from 'puppeteer-core';
import { prepare } from '../../../scripts/build.js';
import { newSession, type BuildContext } from '../../../scripts/context.js';
import { Diagnostics } from '../../../scripts/diagnostics/collector.js';
import { textMeasure } from '../../../scripts/fonts/text-measure.js';
import { startCharts } from '../../../scripts/stages/render-charts/chart-work.js';
import { figureVariants } from '../../../scripts/stages/render-charts/edition-chart.js';
import { svgInNode } from '../../../scripts/stages/render-charts/vega-svg.js';
import { dropContainerRoles } from '../../../scripts/stages/render-charts/mark-text.js';
import { closeTestBrowser, options, repo, testBrowser } from '../../helpers.js';
import { openVegaPage, svgOnPage } from './chromium-svg.js';

/**
 * Charts are rendered in Node with text measured from the bundled fonts
 * (fonts/text-measure.ts) instead of in a Chromium page that has loaded them.
 * Every chart of the real report, in both editions and both layouts, must come
 * out as Chromium drew it: the same SVG, or at most numbers (positions,
 * sizes, path geometry) apart by less than half a pixel.
 */

const number = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;

/** Where two SVGs differ: their markup with numbers blanked must be equal, and each number within 0.5. */
function differences(chromium: string, node: string): string[] {
  if (chromium === node) return [];
  if (chromium.replace(number, '#') !== node.replace(number, '#')) {
    const a = chromium.split(/(?=<)/);
    const b = node.split(/(?=<)/);
    const i = a.findIndex((t, j) => t.replace(number, '#') !== b[j]?.replace(number, '#'));
    return [`structure: ${a[i]?.slice(0, 160)} ≠ ${b[i]?.slice(0, 160)}`];
  }
  const na = chromium.match(number)!;
  const nb = node.match(number)!;
  return na.flatMap((v, i) => (Math.abs(Number(v) - Number(nb[i])) >= 0.5 ? [`number ${i}: ${v} ≠ ${nb[i]}`] : []));
}

/** All the text a spec may print, for the page's font loading (as the chart stage did). */
const textIn = (spec: unknown) => JSON.stringify(spec).replace(/[{}[\]":,]/g, ' ') + '0123456789.%';

let dir: string;
let ctx: BuildContext;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vega-svg-'));
  ctx = {
    root: repo,
    packageDir: repo,
    diagnostics: new Diagnostics(),
    log: () => undefined,
    cacheDir: dir,
    browser: testBrowser,
    browserTimeoutMs: 120_000,
    session: newSession(),
  };
  page = (await openVegaPage(ctx, dir))[0]!.page;
});

afterAll(async () => {
  await page?.close();
  await closeTestBrowser();
  rmSync(dir, { recursive: true, force: true });
});

describe('charts rendered in Node', () => {
  it('are the SVGs Chromium draws, for every chart of the real report in both editions, print and phone layouts', async () => {
    // Prepared from the real report without writing to it (the cache is a temp folder).
    const prep = await prepare(
      options(repo, path.join(dir, 'dist'), { cacheDir: path.join(dir, 'cache'), session: ctx.session }),
    );
    const { data, templates, config } = prep;
    const work = startCharts(prep.ctx, data, templates, config.languages);
    await work.done;
    const seen: string[] = [];
    const wrong: Record<string, string[]> = {};
    for (const lang of config.languages) {
      for (const figure of data.figures.values()) {
        const ds = figure.dataset ? data.datasets.get(figure.dataset) : undefined;
        if (!figure.spec || !ds) continue;
        const rendered = new Map((await work.charts.get(`${lang}|${figure.id}`))!.svgs);
        for (const variant of figureVariants(figure, ds, lang, { data, templates })) {
          const fit = variant.narrow ? Number(variant.spec.width) : undefined;
          const chromium = dropContainerRoles(
            drawn(await svgOnPage(page, compile(variant.spec as never).spec, textIn(variant.spec), fit)),
          );
          const node = rendered.get(variant.key)!;
          seen.push(variant.key);
          const d = differences(chromium, node);
          if (d.length) wrong[variant.key] = d.slice(0, 5);
        }
      }
    }
    // five charted figures, two editions, two layouts each
    expect(seen).toHaveLength(20);
    expect(seen.filter((k) => k.endsWith('|narrow'))).toHaveLength(10);
    expect(wrong).toEqual({});
  });

  it('lay out what the real report does not exercise as Chromium does: cut labels, bold, fallback to the CJK font, two-line labels, odd sizes', async () => {
    const rows = [
      { c: 'An uncommonly long category name that a label limit cuts', v: -1200.5, s: 'Shenzhen 深圳' },
      { c: 'AVATAR Type', v: 3400, s: 'Hong Kong 香港' },
      { c: '研究与开发（R&D）经费', v: 0.012, s: 'Wait… “quoted”' },
    ];
    const specs = [
      { font: "'Source Sans 3', 'Noto Sans SC'", titleWeight: 'bold', size: 11 },
      { font: "'Noto Sans SC'", titleWeight: 700, size: 12.5 },
      { font: "'Source Sans 3', 'Noto Sans SC'", titleWeight: 600, size: 9.75 },
    ].map(({ font, titleWeight, size }) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: { text: 'Research & development, 2010–2021: TAVA', subtitle: '研发支出 · WAVE', fontWeight: titleWeight },
      data: { values: rows },
      width: 300,
      height: 160,
      mark: { type: 'bar', tooltip: false },
      encoding: {
        x: {
          field: 'c',
          type: 'nominal',
          axis: {
            labelLimit: 90,
            labelFontStyle: 'italic',
            labelExpr: 'length(datum.label) > 12 ? [slice(datum.label, 0, 12), slice(datum.label, 12)] : datum.label',
          },
        },
        y: {
          field: 'v',
          type: 'quantitative',
          axis: { format: ',.3~f', title: 'Value (RMB 100 million), negative below' },
        },
        color: { field: 's', type: 'nominal', legend: { labelLimit: 70, columns: 2, title: 'Series — 系列' } },
      },
      config: {
        font,
        axis: { labelFontSize: size, titleFontSize: size + 1, titleFontWeight: 'bold' },
        legend: { labelFontSize: size },
      },
    }));
    for (const spec of specs) {
      const vg = compile(spec as never).spec;
      const chromium = drawn(await svgOnPage(page, vg, textIn(spec) + '−…', undefined));
      const node = drawn(await svgInNode(textMeasure(ctx), vg, undefined));
      expect(node).toContain('…'); // a label was cut
      expect(differences(chromium, node)).toEqual([]);
    }
  });
});

/** The SVG of a rendering that must have succeeded (its error, if not, fails the test). */
function drawn(out: { svg?: string; error?: string }): string {
  if (out.svg === undefined) throw new Error(`not drawn: ${out.error}`);
  return out.svg;
}
