import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { neutralOrder, labelOrder } from '../../scripts/stages/render-charts/domains.js';
import { chartRows } from '../../scripts/stages/render-charts/chart-spec.js';
import type { Dataset } from '../../scripts/model/data.js';
import type { Lang } from '../../scripts/context.js';

/** Six economies whose Chinese names sort (by code point) in another order than their English ones. */
const codes = { CAN: ['加拿大', 'Canada'], FRA: ['法国', 'France'], GBR: ['英国', 'United Kingdom'], ISR: ['以色列', 'Israel'], ITA: ['意大利', 'Italy'], SWE: ['瑞典', 'Sweden'] };
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
  rows: ['SWE', 'ISR', 'CAN', 'ITA', 'GBR', 'FRA'].map((c, i) => ({ values: { economy: c, value: i + 1, source: 'wdi' }, raw: { economy: c, value: String(i + 1), source: 'wdi' }, line: i + 2 })),
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
  const vg = compile(full).spec as { data: { name: string; transform?: { expr?: string; as?: string }[] }[]; scales: { name: string; domain: { sort?: { field?: string } } }[] };
  const sortField = vg.scales.find((x) => x.name === 'color')!.domain.sort?.field;
  const formula = vg.data.flatMap((d) => d.transform ?? []).find((t) => t.as === sortField)?.expr ?? '';
  return [...formula.matchAll(/==="([^"]*)"/g)].map((m) => m[1]!);
}

describe('charts identical across editions (render-charts/domains.ts)', () => {
  it('orders labels by their codes, as the meta lists them, in every language', () => {
    expect(labelOrder(ds, 'economy', 'en')).toEqual(['Canada', 'France', 'United Kingdom', 'Israel', 'Italy', 'Sweden']);
    expect(labelOrder(ds, 'economy', 'zh')).toEqual(['加拿大', '法国', '英国', '以色列', '意大利', '瑞典']);
    // what Vega would have done: alphabetical by label, which differs
    expect([...labelOrder(ds, 'economy', 'zh')].sort()).toEqual(['以色列', '加拿大', '意大利', '法国', '瑞典', '英国']);
  });

  it('gives each entity the same place in the colour domain in both editions', () => {
    const zh = colourDomain(spec, 'zh');
    const en = colourDomain(spec, 'en');
    const codeOf = (lang: 0 | 1) => (label: string) => Object.entries(codes).find(([, names]) => names[lang] === label)![0];
    expect(zh.map(codeOf(0))).toEqual(['CAN', 'FRA', 'GBR', 'ISR', 'ITA', 'SWE']);
    expect(en.map(codeOf(1))).toEqual(zh.map(codeOf(0)));
  });

  it('keeps the order a spec sets itself, on any channel of the field', () => {
    const own = { ...spec, encoding: { ...spec.encoding, x: { ...spec.encoding.x, sort: '-y' } } };
    const out = neutralOrder(own, ds, 'zh') as typeof own;
    expect(out.encoding.x.sort).toBe('-y');
    expect((out.encoding.color as { sort?: unknown }).sort).toBeUndefined();
    const domain = { ...spec, encoding: { ...spec.encoding, color: { ...spec.encoding.color, scale: { domain: ['以色列'] } } } };
    expect((neutralOrder(domain, ds, 'zh') as typeof spec).encoding.x).not.toHaveProperty('sort');
  });

  it('reaches layers and facets, leaves other fields alone, and does not change the spec it is given', () => {
    const layered = { data: { name: 'gerd' }, facet: { row: { field: 'economy_label', type: 'nominal' } }, spec: { layer: [{ mark: 'point', encoding: { shape: { field: 'economy_label', type: 'nominal' }, detail: { field: 'economy_label' }, y: { field: 'value', type: 'quantitative' } } }] } };
    const out = neutralOrder(layered, ds, 'en');
    expect(out.facet.row).toHaveProperty('sort', labelOrder(ds, 'economy', 'en'));
    const enc = out.spec.layer[0]!.encoding as Record<string, { sort?: unknown }>;
    expect(enc.shape!.sort).toEqual(labelOrder(ds, 'economy', 'en'));
    expect(enc.detail!.sort).toBeUndefined();
    expect(enc.y!.sort).toBeUndefined();
    expect(layered.facet.row).not.toHaveProperty('sort');
  });
});
