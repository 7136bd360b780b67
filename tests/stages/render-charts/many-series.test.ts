import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { overlay, repo, reportCopy } from '../../helpers.js';
import { readFileSync, rmSync } from 'node:fs';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { tellApart } from '../../../scripts/stages/render-charts/distinct.js';
import { TIP_FIELD, withMarkText } from '../../../scripts/stages/render-charts/mark-text.js';
import { marksOf, pathPoints, renderFixture, textsOf, type RenderedCharts } from './many-series.js';

/**
 * The charts that a report of many series broke (issue #29), on tests/fixtures/many-series (invented
 * numbers): twelve lines, a stacked area of four sectors whose rows come year by year, a scatter, and bars
 * of twelve long city names. Each is read back from its SVG, in both editions and both layouts.
 */

const theme = JSON.parse(readFileSync(path.join(repo, 'theme', 'chart-theme.json'), 'utf8')) as {
  range: { category: string[] };
};

let charts: RenderedCharts;
beforeAll(async () => {
  charts = await renderFixture();
});

const layouts = (figure: string) =>
  ['en', 'zh']
    .flatMap((lang) => [`${lang}|${figure}`, `${lang}|${figure}|narrow`])
    .map((k) => [k, charts.svgs.get(k)!] as const);

const d = (tag: string) => /\sd="([^"]*)"/.exec(tag)![1]!;
const fill = (tag: string) => /\sfill="([^"]*)"/.exec(tag)![1]!;

describe('a stacked area', () => {
  it('goes right year by year and up, in every edition and layout (no sawtooth back to zero)', () => {
    for (const [key, svg] of layouts('fig:stack')) {
      const areas = marksOf(svg, 'area');
      expect(areas, key).toHaveLength(4);
      for (const area of areas) {
        const points = pathPoints(d(area));
        // the top edge, left to right, then the bottom edge back: eight years each
        expect(points, key).toHaveLength(16);
        const top = points.slice(0, 8);
        for (let i = 1; i < top.length; i++) {
          expect(top[i]![0], key).toBeGreaterThan(top[i - 1]![0]);
          expect(top[i]![1], key).toBeLessThan(top[i - 1]![1]);
        }
      }
    }
  });

  it('stacks the sectors in the order of their codes in both editions: the same colour at the bottom, the same legend order', () => {
    const stacking = (svg: string) =>
      marksOf(svg, 'area')
        .map((a) => ({ fill: fill(a), bottom: Math.max(...pathPoints(d(a)).map((p) => p[1])) }))
        .sort((a, b) => b.bottom - a.bottom || 0)
        .map((a) => a.fill);
    const en = stacking(charts.svgs.get('en|fig:stack')!);
    expect(new Set(en).size).toBe(4);
    expect(stacking(charts.svgs.get('zh|fig:stack')!)).toEqual(en);
    // the meta lists RES, FIN, AGR, MFG: Research at the bottom, and first in the legend, in both
    expect(textsOf(charts.svgs.get('en|fig:stack')!, 'legend-label')).toEqual([
      'Research',
      'Finance',
      'Agriculture',
      'Manufacturing',
    ]);
    expect(textsOf(charts.svgs.get('zh|fig:stack')!, 'legend-label')).toEqual(['研究', '金融', '农业', '制造']);
  });
});

describe('twelve series', () => {
  /** A line's colour is its stroke, a point's its fill. */
  const colour = (tag: string, attr: string) => new RegExp(`\\s${attr}="([^"]*)"`).exec(tag)?.[1];

  it('get twelve colours, as lines and as points, in every edition and layout', () => {
    for (const [figure, role, attr] of [
      ['fig:lines', 'line', 'stroke'],
      ['fig:scatter', 'symbol', 'fill'],
    ] as const) {
      for (const [key, svg] of layouts(figure)) {
        const marks = marksOf(svg, role);
        expect(marks.length, key).toBeGreaterThanOrEqual(12);
        expect(new Set(marks.map((m) => colour(m, attr))).size, key).toBe(12);
      }
    }
  });

  it('are not reported: the palette tells twelve apart', () => {
    const rules = [...charts.notes.values()].flat().map((n) => n[0]);
    expect(rules).not.toContain('chart-categories');
  });
});

describe('more categories than colours', () => {
  it('is a warning naming the chart spec and the channel, for a mark with no second channel (fourteen bars)', async () => {
    // tests/fixtures/overlays/crowded-chart: the mini report's bars given fourteen years, each its own colour
    const root = reportCopy('mini');
    try {
      overlay(root, path.join(repo, 'tests', 'fixtures', 'overlays', 'crowded-chart'));
      const { notes } = await renderFixture(root);
      const crowded = [...notes.values()].flat().filter((n) => n[0] === 'chart-categories');
      expect(crowded.length).toBeGreaterThan(0);
      for (const [, place, args] of crowded) {
        expect(place).toMatchObject({ file: 'data/charts/growth.vl.json', line: 9 });
        expect(args).toEqual(['year', '14', '12']);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('a twelve-entry legend', () => {
  /** The rows of a chart's legend: the distinct heights of its entries (each a group with a background). */
  const legendRows = (svg: string) => {
    const legend = svg.slice(svg.indexOf('role-legend-entry'));
    const entry =
      /<g transform="translate\([\d.-]+,([\d.-]+)\)"><path class="background" aria-hidden="true" d="M0,0h[1-9]/g;
    return new Set([...legend.matchAll(entry)].map((m) => m[1]));
  };
  const width = (svg: string) => Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
  const fontSizes = (svg: string) => new Set([...svg.matchAll(/<text[^>]*\sfont-size="([^"]*)"/g)].map((m) => m[1]));

  it('wraps into rows within the chart, its text at the theme size: the chart is not widened (and scaled down)', () => {
    for (const figure of ['fig:lines', 'fig:scatter']) {
      for (const [key, svg] of layouts(figure)) {
        const narrow = key.endsWith('|narrow');
        expect(legendRows(svg).size, key).toBeGreaterThan(2);
        // print: the plot (480) and its y axis; narrow: the theme's 320
        expect(width(svg), key).toBeLessThanOrEqual(narrow ? 320 : 480 + 80);
        expect([...fontSizes(svg)], key).toEqual([narrow ? '12px' : '11px']);
      }
    }
  });
});

describe('twelve long category names', () => {
  const cities = {
    en: [
      'Shenzhen Special Economic Zone',
      'Hong Kong Special Administrative Region',
      'Guangzhou Nansha New Area',
      'Zhuhai Hengqin Cooperation Zone',
      'Macao Special Administrative Region',
      'Dongguan Songshan Lake Science City',
      'Foshan Manufacturing Heartland',
      'Huizhou Zhongkai High-tech Zone',
      'Zhongshan Torch Development Zone',
      'Jiangmen Coastal Industrial Belt',
      'Zhaoqing New District Platform',
      'Qianhai Shenzhen-Hong Kong Zone',
    ],
    zh: [
      '深圳经济特区',
      '香港特别行政区',
      '广州南沙新区',
      '珠海横琴合作区',
      '澳门特别行政区',
      '东莞松山湖科学城',
      '佛山制造业腹地',
      '惠州仲恺高新区',
      '中山火炬开发区',
      '江门沿海产业带',
      '肇庆新区平台',
      '前海深港合作区',
    ],
  };

  it('each keep their axis label, whole, in print and at the phone layout, in both editions', () => {
    for (const [key, svg] of layouts('fig:bars')) {
      const labels = textsOf(svg, 'axis-label');
      const names = key.startsWith('en') ? cities.en : cities.zh;
      for (const name of names) expect(labels, key).toContain(name);
      // twelve names, and the value axis's numbers: nothing else, nothing hidden
      expect(
        labels.filter((l) => !/^[\d.]+$/.test(l)),
        key,
      ).toHaveLength(12);
    }
  });

  it('are drawn as horizontal bars at the phone layout: a name to a row', () => {
    for (const lang of ['en', 'zh']) {
      const bars = marksOf(charts.svgs.get(`${lang}|fig:bars|narrow`)!, 'rect');
      expect(bars).toHaveLength(12);
      // each bar starts at the value axis's zero, on the left, and is wider than it is tall
      for (const bar of bars) {
        const [, w, h] = /d="M[\d.-]+,[\d.-]+h([\d.-]+)v([\d.-]+)/.exec(bar)!;
        expect(Number(w)).toBeGreaterThan(Number(h));
      }
    }
  });
});

describe("a scatter's mark text", () => {
  const tips = (svg: string) =>
    marksOf(svg, 'symbol')
      .map((m) => /aria-label="([^"]*)"/.exec(m)?.[1])
      .filter(Boolean);

  it('names the number column it plots by the axis title, after the categories and the value', () => {
    const en = tips(charts.svgs.get('en|fig:scatter')!);
    expect(en).toHaveLength(12);
    expect(en[0]).toBe('Shenzhen Special Economic Zone · 2023: 0.8% · Patents granted: 120');
    for (const t of en) expect(t).toMatch(/^[^·]+ · 2023: [\d.]+% · Patents granted: \d+$/);
    expect(tips(charts.svgs.get('zh|fig:scatter')!)[0]).toBe('深圳经济特区 · 2023：0.8% · 专利授权量：120');
  });

  it("takes the meta's title for a number column before the chart's", () => {
    const ds = {
      id: 'p',
      file: 'data/p.csv',
      meta: {
        title: { zh: '', en: '' },
        source: { zh: '', en: '' },
        unit: 'percent' as const,
        columns: {
          city: { type: 'string' as const },
          patents: { type: 'integer' as const, title: { zh: '专利', en: 'Patents' } },
        },
        sources: { s: { title: 's' } },
      },
      columns: ['city', 'patents', 'value', 'source'],
      rows: [
        {
          values: { city: 'Shenzhen', patents: 842, value: 3.2, source: 's' },
          raw: { city: 'Shenzhen', patents: '842', value: '3.2', source: 's' },
          line: 2,
        },
      ],
      fingerprint: '',
    };
    const rows = ds.rows.map((r) => ({ ...r.values }));
    expect(withMarkText(rows, ds, 'en', ': ', { patents: 'Granted' })[0]![TIP_FIELD]).toBe(
      'Shenzhen: 3.2% · Patents: 842',
    );
    expect(withMarkText(rows, ds, 'zh', '：')[0]![TIP_FIELD]).toBe('Shenzhen：3.2% · 专利：842');
  });
});

describe('fourteen series', () => {
  it('are fourteen lines told apart by colour and dash: the first twelve solid, the next two dashed; no warning', async () => {
    const codes = Array.from({ length: 14 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    const ds = {
      id: 'many',
      file: 'data/many.csv',
      meta: {
        title: { zh: '', en: '' },
        source: { zh: '', en: '' },
        columns: { code: { type: 'string' as const }, year: { type: 'integer' as const } },
        sources: { s: { title: 's' } },
      },
      columns: ['code', 'year', 'value', 'source'],
      rows: codes.flatMap((code, i) =>
        [2020, 2021].map((year) => ({
          values: { code, year, value: i + year - 2020, source: 's' },
          raw: { code, year: String(year), value: String(i), source: 's' },
          line: 2,
        })),
      ),
      fingerprint: '',
    };
    const spec: Record<string, unknown> = {
      data: { values: ds.rows.map((r) => r.values) },
      mark: 'line',
      encoding: {
        x: { field: 'year', type: 'ordinal' },
        y: { field: 'value', type: 'quantitative' },
        color: { field: 'code', type: 'nominal' },
      },
      config: { range: { category: theme.range.category } },
    };
    expect(tellApart(spec, ds, 'en', 12)).toEqual([]);
    const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    const looks = marksOf(svg, 'line').map(
      (m) => `${/stroke="([^"]*)"/.exec(m)![1]} ${/stroke-dasharray="([^"]*)"/.exec(m)?.[1] ?? ''}`,
    );
    expect(looks).toHaveLength(14);
    expect(new Set(looks).size).toBe(14);
    expect(looks.filter((l) => l.endsWith(' 1,0'))).toHaveLength(12);
    // with a mark that has no second channel, the same fourteen are too many
    expect(tellApart({ ...spec, mark: 'bar' }, ds, 'en', 12)).toEqual([
      { path: ['encoding', 'color'], field: 'code', count: 14, capacity: 12 },
    ]);
  });
});
