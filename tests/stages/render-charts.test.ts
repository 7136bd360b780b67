import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { neutralOrder, labelOrder } from '../../scripts/stages/render-charts/domains.js';
import { chartRows } from '../../scripts/stages/render-charts/chart-spec.js';
import type { Dataset } from '../../scripts/model/data.js';
import type { Lang } from '../../scripts/context.js';
import * as vega from 'vega';
import {
  TIP_FIELD,
  describeMarks,
  dropContainerRoles,
  withMarkText,
} from '../../scripts/stages/render-charts/mark-text.js';
import { narrowSpec } from '../../scripts/stages/render-charts/narrow-spec.js';

/** Six economies whose Chinese names sort (by code point) in another order than their English ones. */
const codes = {
  CAN: ['加拿大', 'Canada'],
  FRA: ['法国', 'France'],
  GBR: ['英国', 'United Kingdom'],
  ISR: ['以色列', 'Israel'],
  ITA: ['意大利', 'Italy'],
  SWE: ['瑞典', 'Sweden'],
};
const ds: Dataset = {
  id: 'gerd',
  file: 'data/gerd.csv',
  meta: {
    title: { zh: '', en: '' },
    source: { zh: '', en: '' },
    columns: { economy: { type: 'string' } },
    labels: { economy: Object.fromEntries(Object.entries(codes).map(([c, [zh, en]]) => [c, { zh: zh!, en: en! }])) },
    sources: { wdi: { title: 'WDI' } },
  },
  columns: ['economy', 'value', 'source'],
  // In the data, the rows come in yet another order.
  rows: ['SWE', 'ISR', 'CAN', 'ITA', 'GBR', 'FRA'].map((c, i) => ({
    values: { economy: c, value: i + 1, source: 'wdi' },
    raw: { economy: c, value: String(i + 1), source: 'wdi' },
    line: i + 2,
  })),
  fingerprint: '',
};

const spec = {
  data: { name: 'gerd' },
  mark: 'bar',
  encoding: {
    x: { field: 'economy_label', type: 'nominal' },
    y: { field: 'value', type: 'quantitative' },
    color: { field: 'economy_label', type: 'nominal' },
  },
};

/** The colour scale's domain as Vega computes it: the labels in the order colours are given out. */
function colourDomain(s: object, lang: Lang): string[] {
  const full = { ...neutralOrder(s, ds, lang), datasets: { gerd: chartRows(ds, lang) } } as never;
  const vg = compile(full).spec as {
    data: { name: string; transform?: { expr?: string; as?: string }[] }[];
    scales: { name: string; domain: { sort?: { field?: string } } }[];
  };
  const sortField = vg.scales.find((x) => x.name === 'color')!.domain.sort?.field;
  const formula = vg.data.flatMap((d) => d.transform ?? []).find((t) => t.as === sortField)?.expr ?? '';
  return [...formula.matchAll(/==="([^"]*)"/g)].map((m) => m[1]!);
}

describe('charts identical across editions (render-charts/domains.ts)', () => {
  it('orders labels by their codes, as the meta lists them, in every language', () => {
    expect(labelOrder(ds, 'economy', 'en')).toEqual([
      'Canada',
      'France',
      'United Kingdom',
      'Israel',
      'Italy',
      'Sweden',
    ]);
    expect(labelOrder(ds, 'economy', 'zh')).toEqual(['加拿大', '法国', '英国', '以色列', '意大利', '瑞典']);
    // what Vega would have done: alphabetical by label, which differs
    expect([...labelOrder(ds, 'economy', 'zh')].sort()).toEqual(['以色列', '加拿大', '意大利', '法国', '瑞典', '英国']);
  });

  it('gives each entity the same place in the colour domain in both editions', () => {
    const zh = colourDomain(spec, 'zh');
    const en = colourDomain(spec, 'en');
    const codeOf = (lang: 0 | 1) => (label: string) =>
      Object.entries(codes).find(([, names]) => names[lang] === label)![0];
    expect(zh.map(codeOf(0))).toEqual(['CAN', 'FRA', 'GBR', 'ISR', 'ITA', 'SWE']);
    expect(en.map(codeOf(1))).toEqual(zh.map(codeOf(0)));
  });

  it('keeps the order a spec sets itself, on any channel of the field', () => {
    const own = { ...spec, encoding: { ...spec.encoding, x: { ...spec.encoding.x, sort: '-y' } } };
    const out = neutralOrder(own, ds, 'zh') as typeof own;
    expect(out.encoding.x.sort).toBe('-y');
    expect((out.encoding.color as { sort?: unknown }).sort).toBeUndefined();
    const domain = {
      ...spec,
      encoding: { ...spec.encoding, color: { ...spec.encoding.color, scale: { domain: ['以色列'] } } },
    };
    expect((neutralOrder(domain, ds, 'zh') as typeof spec).encoding.x).not.toHaveProperty('sort');
  });

  it('reaches layers and facets, leaves other fields alone, and does not change the spec it is given', () => {
    const layered = {
      data: { name: 'gerd' },
      facet: { row: { field: 'economy_label', type: 'nominal' } },
      spec: {
        layer: [
          {
            mark: 'point',
            encoding: {
              shape: { field: 'economy_label', type: 'nominal' },
              detail: { field: 'economy_label' },
              y: { field: 'value', type: 'quantitative' },
            },
          },
        ],
      },
    };
    const out = neutralOrder(layered, ds, 'en');
    expect(out.facet.row).toHaveProperty('sort', labelOrder(ds, 'economy', 'en'));
    const enc = out.spec.layer[0]!.encoding as Record<string, { sort?: unknown }>;
    expect(enc.shape!.sort).toEqual(labelOrder(ds, 'economy', 'en'));
    expect(enc.detail!.sort).toBeUndefined();
    expect(enc.y!.sort).toBeUndefined();
    expect(layered.facet.row).not.toHaveProperty('sort');
  });
});

/** A small dataset as load-data makes it: a labelled category, a year, values with their own units. */
const rd: Dataset = {
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
    {
      values: { id: null, economy: 'HKG', year: 2020, value: 0.99, unit: 'percent', source: 'text', note: null },
      raw: { economy: 'HKG', year: '2020', value: '0.99', unit: 'percent' },
      line: 2,
    },
    {
      values: { id: null, economy: 'SZ', year: 2020, value: 1510.81, unit: null, source: 'text', note: null },
      raw: { economy: 'SZ', year: '2020', value: '1510.81', unit: '' },
      line: 3,
    },
  ],
  fingerprint: '',
};
const rows = () =>
  rd.rows.map((r) => ({ ...r.values, economy_label: rd.meta.labels!.economy![String(r.values.economy)]!.en }));

async function svgOf(spec: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
  return view.toSVG();
}

describe('what a chart mark says', () => {
  it("is the row's categories in the edition's language and its value as {{num}} formats it, with the row's own unit", () => {
    expect(withMarkText(rows(), rd, 'zh', '：').map((r) => r[TIP_FIELD])).toEqual([
      '香港 · 2020：0.99%',
      '深圳 · 2020：1510.81 亿元',
    ]);
    expect(withMarkText(rows(), rd, 'en', ': ').map((r) => r[TIP_FIELD])).toEqual([
      'Hong Kong · 2020: 0.99%',
      'Shenzhen · 2020: RMB 151.08 billion',
    ]);
  });

  it('is written by Vega as the aria-label of bars and points; lines, labels, axes and legends say nothing', async () => {
    const spec = describeMarks(
      {
        data: { values: withMarkText(rows(), rd, 'en', ': ') },
        encoding: {
          x: { field: 'economy_label', type: 'nominal' },
          y: { field: 'value', type: 'quantitative' },
          color: { field: 'economy_label', type: 'nominal' },
        },
        layer: [
          { mark: 'bar' },
          { mark: { type: 'text', dy: -3 }, encoding: { text: { field: 'value' } } },
          { mark: { type: 'line', point: true } },
        ],
      },
      'data point',
    );
    const svg = dropContainerRoles(await svgOf(spec));
    const labels = [
      ...svg.matchAll(/<(\w+) aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="([^"]*)"/g),
    ].map((m) => [m[1], m[2], m[3]]);
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
      {
        data: { values: withMarkText(rows(), rd, 'en', ': ') },
        mark: 'bar',
        encoding: {
          x: { field: 'year', type: 'ordinal' },
          y: { field: 'value', aggregate: 'sum', type: 'quantitative' },
        },
      },
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
    const out = narrowSpec(
      { width: 560, height: 300, mark: 'bar', config: { axis: { labelFontSize: 11, labelColor: '#333' } } },
      narrow,
    )!;
    expect(out).toMatchObject({ width: 320, height: 200, autosize: { type: 'fit-x', contains: 'padding' } });
    expect(out.config).toMatchObject({
      axis: { labelFontSize: 12, labelColor: '#333' },
      legend: { orient: 'top', columns: { expr: 'narrow_legend_columns' } },
    });
    expect(out.params).toEqual([{ name: 'narrow_legend_columns', value: 6 }]);
  });

  it('leaves facets and concatenations in their print layout', () => {
    expect(narrowSpec({ hconcat: [] }, narrow)).toBeUndefined();
    expect(narrowSpec({ facet: {}, spec: {} }, narrow)).toBeUndefined();
  });

  it('sets a long category label on two lines, and a year on one', async () => {
    const spec = narrowSpec(
      {
        data: {
          values: [
            { c: 'Performed by enterprises', v: 1 },
            { c: '2021', v: 2 },
            { c: 'R&D 经费支出', v: 3 },
          ],
        },
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
