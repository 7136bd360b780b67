import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Dataset } from '../../../scripts/model/data.js';
import { tellApart } from '../../../scripts/stages/render-charts/distinct.js';
import { SHAPES } from '../../../scripts/stages/render-charts/marker-shapes.js';
import { marksOf } from './many-series.js';

/**
 * Which second cue a chart's series get (render-charts/distinct.ts), each case drawn by Vega and read back from
 * its SVG: a line chart's series a point shape each; a line drawn without points, or too long for a point at each
 * value, a dash each; a chart of bars and a line on one colour scale as it was. (tests/e2e/chart-series.test.ts
 * checks the cues of twelve series on a built report.)
 */

/** A dataset of `series` codes, each with `years` yearly values. */
function dataset(series: number, years: number): Dataset {
  const codes = Array.from({ length: series }, (_, i) => `S${i}`);
  const rows = codes.flatMap((code, i) =>
    Array.from({ length: years }, (_, y) => ({
      values: { code, year: 2000 + y, value: i + y / 10, source: 's' },
      raw: { code, year: String(2000 + y), value: String(i + y / 10), source: 's' },
      line: 2,
    })),
  );
  return {
    id: 'd',
    file: 'data/d.csv',
    meta: {
      title: { zh: '', en: '' },
      source: { zh: '', en: '' },
      columns: { code: { type: 'string' }, year: { type: 'integer' } },
      sources: { s: { title: 's' } },
    },
    columns: ['code', 'year', 'value', 'source'],
    rows,
    fingerprint: '',
  };
}

const encoding = {
  x: { field: 'year', type: 'ordinal' },
  y: { field: 'value', type: 'quantitative' },
  color: { field: 'code', type: 'nominal' },
};

/** The spec after tellApart, drawn: each line's stroke and dash, each point's fill and outline. */
async function drawn(spec: Record<string, unknown>, ds: Dataset) {
  const full: Record<string, unknown> = { data: { values: ds.rows.map((r) => r.values) }, ...spec };
  expect(tellApart(full, ds, 'en', 12)).toEqual([]);
  const svg = await new vega.View(vega.parse(compile(full as never).spec), { renderer: 'none' }).toSVG();
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  return {
    spec: full,
    lines: marksOf(svg, 'line').map((l) => `${attr(l, 'stroke')} ${attr(l, 'stroke-dasharray')}`),
    points: new Set(marksOf(svg, 'symbol').map((p) => `${attr(p, 'fill')} ${attr(p, 'd').replace(/[\d.]+/g, '')}`)),
  };
}

describe('the series of a line chart', () => {
  it('each get a point shape of their own at their data points, the line solid', async () => {
    const { lines, points, spec } = await drawn({ mark: 'line', encoding }, dataset(6, 12));
    expect((spec.encoding as Record<string, { scale: { range: unknown } }>).shape!.scale.range).toEqual(
      SHAPES.slice(0, 6),
    );
    expect(lines).toHaveLength(6);
    expect(lines.every((l) => !/\d/.test(l.split(' ')[1]!) || l.endsWith(' 1,0'))).toBe(true);
    // six colours, each with one outline: six (colour, outline) pairs and six outlines
    expect(points.size).toBe(6);
    expect(new Set([...points].map((p) => p.split(' ')[1])).size).toBe(6);
  });

  it('each get a dash of their own instead when the author drew the line without points', async () => {
    const { lines, points } = await drawn({ mark: { type: 'line', point: false }, encoding }, dataset(4, 12));
    expect(points.size).toBe(0);
    expect(new Set(lines.map((l) => l.split(' ')[1])).size).toBe(4);
  });

  it('each get a dash of their own instead when a line has more values than a marker each can show (over 40)', async () => {
    const { lines, points } = await drawn({ mark: 'line', encoding }, dataset(3, 60));
    expect(points.size).toBe(0);
    expect(new Set(lines.map((l) => l.split(' ')[1])).size).toBe(3);
  });
});

describe('the series of a chart of circles', () => {
  it("each get a point shape of their own: Vega-Lite's circle mark becomes a filled point", async () => {
    const { points, spec } = await drawn({ mark: { type: 'circle', size: 60 }, encoding }, dataset(4, 3));
    expect(spec.mark).toEqual({ filled: true, size: 60, type: 'point' });
    expect(points.size).toBe(4);
    expect(new Set([...points].map((p) => p.split(' ')[1])).size).toBe(4);
  });
});

describe('a chart of bars and a line on one colour scale', () => {
  it('is left as it was: the kind of mark tells the line from the bars', async () => {
    const layer = [{ mark: 'bar' }, { mark: { type: 'line', point: true } }];
    const { spec, lines } = await drawn({ encoding, layer }, dataset(3, 5));
    expect(JSON.stringify(spec)).not.toMatch(/"shape"|"strokeDash"/);
    expect(lines.every((l) => l.endsWith(' '))).toBe(true);
  });
});
