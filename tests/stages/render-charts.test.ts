import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import type { Dataset } from '../../scripts/model/data.js';
import { TIP_FIELD, describeMarks, dropContainerRoles, withMarkText } from '../../scripts/stages/render-charts/mark-text.js';
import { narrowSpec } from '../../scripts/stages/render-charts/narrow-spec.js';

/** A small dataset as load-data makes it: a labelled category, a year, values with their own units. */
const ds: Dataset = {
  id: 'rd',
  file: 'data/rd.csv',
  meta: {
    title: { zh: '研发', en: 'R&D' },
    source: { zh: '来源', en: 'Source' },
    unit: 'cny-100m',
    labels: { economy: { HKG: { zh: '香港', en: 'Hong Kong' }, SZ: { zh: '深圳', en: 'Shenzhen' } } },
    sources: { text: { title: 'text' } },
  },
  columns: ['id', 'economy', 'year', 'value', 'unit', 'source', 'note'],
  rows: [
    { values: { id: null, economy: 'HKG', year: 2020, value: 0.99, unit: 'percent', source: 'text', note: null }, raw: { economy: 'HKG', year: '2020', value: '0.99', unit: 'percent' }, line: 2 },
    { values: { id: null, economy: 'SZ', year: 2020, value: 1510.81, unit: null, source: 'text', note: null }, raw: { economy: 'SZ', year: '2020', value: '1510.81', unit: '' }, line: 3 },
  ],
  fingerprint: '',
};
const rows = () => ds.rows.map((r) => ({ ...r.values, economy_label: ds.meta.labels!.economy![String(r.values.economy)]!.en }));

async function svgOf(spec: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
  return view.toSVG();
}

describe('what a chart mark says', () => {
  it('is the row\'s categories in the edition\'s language and its value as {{num}} formats it, with the row\'s own unit', () => {
    expect(withMarkText(rows(), ds, 'zh', '：').map((r) => r[TIP_FIELD])).toEqual(['香港 · 2020：0.99%', '深圳 · 2020：1510.81 亿元']);
    expect(withMarkText(rows(), ds, 'en', ': ').map((r) => r[TIP_FIELD])).toEqual(['Hong Kong · 2020: 0.99%', 'Shenzhen · 2020: RMB 151.08 billion']);
  });

  it('is written by Vega as the aria-label of bars and points; lines, labels, axes and legends say nothing', async () => {
    const spec = describeMarks(
      {
        data: { values: withMarkText(rows(), ds, 'en', ': ') },
        encoding: { x: { field: 'economy_label', type: 'nominal' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'economy_label', type: 'nominal' } },
        layer: [{ mark: 'bar' }, { mark: { type: 'text', dy: -3 }, encoding: { text: { field: 'value' } } }, { mark: { type: 'line', point: true } }],
      },
      'data point',
    );
    const svg = dropContainerRoles(await svgOf(spec));
    const labels = [...svg.matchAll(/<(\w+) aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="([^"]*)"/g)].map((m) => [m[1], m[2], m[3]]);
    // two bars and, over the line, two points: each says its row
    expect(labels).toEqual([
      ['path', 'Hong Kong · 2020: 0.99%', 'data point'],
      ['path', 'Shenzhen · 2020: RMB 151.08 billion', 'data point'],
      ['path', 'Hong Kong · 2020: 0.99%', 'data point'],
      ['path', 'Shenzhen · 2020: RMB 151.08 billion', 'data point'],
    ]);
    expect(svg.match(/aria-label=/g)).toHaveLength(4);
    expect(svg).not.toContain('role="graphics-object"');
    // the axes (grid, x, y) and the legend are there, hidden from assistive technology (Vega would describe them in English)
    expect(svg.match(/class="mark-group role-(axis|legend)"/g)).toHaveLength(4);
    expect(svg.match(/class="mark-group role-(axis|legend)" aria-hidden="true"/g)).toHaveLength(4);
  });

  it('is left out where the marks no longer stand for one row (an aggregate), rather than wrong', async () => {
    const spec = describeMarks(
      { data: { values: withMarkText(rows(), ds, 'en', ': ') }, mark: 'bar', encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'value', aggregate: 'sum', type: 'quantitative' } } },
      'data point',
    );
    expect((spec.encoding as Record<string, unknown>).description).toBeUndefined();
    const svg = await svgOf(spec);
    expect(svg).toMatch(/<path[^>]*fill=/);
    expect(svg).not.toContain('aria-label="');
  });
});

describe('the narrow layout', () => {
  const narrow = { width: 320, height: 200, config: { axis: { labelFontSize: 12 }, legend: { orient: 'top' } } };

  it('fits the whole chart to the width, keeps the plot height, and lets the page choose the legend columns', () => {
    const out = narrowSpec({ width: 560, height: 300, mark: 'bar', config: { axis: { labelFontSize: 11, labelColor: '#333' } } }, narrow)!;
    expect(out).toMatchObject({ width: 320, height: 200, autosize: { type: 'fit-x', contains: 'padding' } });
    expect(out.config).toMatchObject({ axis: { labelFontSize: 12, labelColor: '#333' }, legend: { orient: 'top', columns: { expr: 'narrow_legend_columns' } } });
    expect(out.params).toEqual([{ name: 'narrow_legend_columns', value: 6 }]);
  });

  it('leaves facets and concatenations in their print layout', () => {
    expect(narrowSpec({ hconcat: [] }, narrow)).toBeUndefined();
    expect(narrowSpec({ facet: {}, spec: {} }, narrow)).toBeUndefined();
  });

  it('sets a long category label on two lines, and a year on one', async () => {
    const spec = narrowSpec(
      {
        data: { values: [{ c: 'Performed by enterprises', v: 1 }, { c: '2021', v: 2 }, { c: 'R&D 经费支出', v: 3 }] },
        mark: 'bar',
        encoding: { x: { field: 'c', type: 'nominal', sort: null }, y: { field: 'v', type: 'quantitative' } },
      },
      narrow,
    )!;
    const svg = await svgOf(spec);
    const labels = [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('<tspan>Performed by</tspan><tspan x="0" dy="14">enterprises</tspan>');
    expect(labels).toContain('2021');
    expect(labels).toContain('R&amp;D 经费支出');
  });
});
