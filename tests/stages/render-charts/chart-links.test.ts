import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportCopy } from '../../helpers.js';
import { renderFixture } from './many-series.js';

/**
 * A chart's `href` (render-charts/chart-links.ts, vega-svg.ts). An unsafe link written in a spec or held by
 * its column is an [unsafe-link] error (tests/fixtures/errors/chart-href-*); here: a safe link stays a link
 * of the SVG, and an unsafe one computed by an expression, which no check sees before Vega draws it, is left
 * out instead of stopping the build ("Cannot read properties of null (reading 'href')").
 */
async function withHref(mark: Record<string, unknown>): Promise<Map<string, string>> {
  const root = reportCopy('mini');
  try {
    const file = path.join(root, 'data', 'charts', 'growth.vl.json');
    const spec = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...spec, mark: { type: 'bar', ...mark } }));
    const { svgs, notes } = await renderFixture(root);
    expect([...notes.values()].flat()).toEqual([]);
    return svgs;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('links in charts', () => {
  it('keeps a safe link as a link around each mark, in both editions and layouts', async () => {
    const svgs = await withHref({ href: 'https://example.org/output' });
    expect(svgs.size).toBe(4);
    for (const [key, svg] of svgs)
      expect(svg.match(/<a xlink:href="https:\/\/example.org\/output">/g), key).toHaveLength(2);
  });

  it('leaves out a javascript: link made by an expression, and draws the chart', async () => {
    const svgs = await withHref({ href: { expr: "'java' + 'script:alert(1)'" } });
    expect(svgs.size).toBe(4);
    for (const [key, svg] of svgs) {
      expect(svg, key).not.toMatch(/javascript/i);
      expect(svg.match(/<path[^>]*aria-label=/g), key).toHaveLength(2);
    }
  });
});
