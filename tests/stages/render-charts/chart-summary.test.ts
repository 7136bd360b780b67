import path from 'node:path';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { decodeHTML } from 'entities';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../scripts/build.js';
import { newSession, settled } from '../../../scripts/context.js';
import { formatValue } from '../../../scripts/locale/units.js';
import { options, reportCopy } from '../../helpers.js';

/**
 * A chart's name (the aria-label of its div.chart[role=figure], its PDF Figure's alternate text) ends with a
 * summary of what it draws (render-charts/chart-summary.ts): kind, measure, years, series, and the highest and
 * lowest values with their series — checked here against the CSV of tests/fixtures/many-series, in both
 * editions, built twice (the second time every chart comes from the cache, which keeps the summary's facts).
 */

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** An HTML build of a report copy, twice: each time, each edition's chart names by figure id. */
async function chartNames(root: string): Promise<Map<string, string>[]> {
  const runs: Map<string, string>[] = [];
  for (let i = 0; i < 2; i++) {
    const session = newSession();
    await build(options(root, path.join(root, 'dist'), { formats: ['html'], session }));
    await settled(session);
    const names = new Map<string, string>();
    for (const lang of ['zh', 'en']) {
      const html = readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');
      for (const m of html.matchAll(
        /data-figure="([^"]+)"[\s\S]*?<div class="chart[^"]*" role="figure" aria-label="([^"]*)"/g,
      ))
        names.set(`${lang}|${m[1]}`, decodeHTML(m[2]!));
    }
    runs.push(names);
  }
  return runs;
}

type Row = Record<string, string>;
/** A fixture's CSV (plain: no quoted field), each row by column. */
function csv(root: string, name: string): Row[] {
  const [head, ...lines] = readFileSync(path.join(root, 'data', `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
  const columns = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v])));
}

/** The city's (or sector's) name in an edition, from the dataset's meta. */
function labelOf(root: string, dataset: string, column: string, code: string, lang: string): string {
  const meta = parse(readFileSync(path.join(root, 'data', `${dataset}.meta.yaml`), 'utf8')) as {
    labels: Record<string, Record<string, Record<string, string>>>;
  };
  return meta.labels[column]![code]![lang]!;
}

/** The rows of the highest and of the lowest value. */
function extremes(rows: Row[]): [Row, Row] {
  const by = [...rows].sort((a, b) => Number(a.value) - Number(b.value));
  return [by.at(-1)!, by[0]!];
}

describe('the summary in a chart name', () => {
  let root: string;
  let runs: Map<string, string>[];
  beforeAll(async () => {
    root = reportCopy('many-series');
    roots.push(root);
    runs = await chartNames(root);
  });

  const sep = (lang: string) => (lang === 'zh' ? '：' : ': ');
  const high = (lang: string) => (lang === 'zh' ? '最高为' : 'highest ');
  const low = (lang: string) => (lang === 'zh' ? '最低为' : 'lowest ');

  it.each(['en', 'zh'] as const)('names the highest and lowest values of each chart with their series (%s)', (lang) => {
    const cities = csv(root, 'cities');
    const text = (r: Row, unit: 'number' | 'percent', column = 'city', dataset = 'cities') =>
      `${labelOf(root, dataset, column, r[column]!, lang)} · ${r.year}${sep(lang)}${formatValue(r.value!, unit, lang)}`;
    const cases: [figure: string, rows: Row[], text: (r: Row) => string][] = [
      ['fig:lines', cities, (r) => text(r, 'number')],
      // the bars keep 2023 only (a filter): the lowest is 2023's, not the dataset's
      ['fig:bars', cities.filter((r) => r.year === '2023'), (r) => text(r, 'number')],
      ['fig:stack', csv(root, 'sectors'), (r) => text(r, 'number', 'sector', 'sectors')],
      ['fig:scatter', csv(root, 'patents'), (r) => text(r, 'percent', 'city', 'patents')],
    ];
    for (const names of runs) {
      for (const [figure, rows, said] of cases) {
        const name = names.get(`${lang}|${figure}`)!;
        const [max, min] = extremes(rows);
        expect(name, figure).toContain(`${high(lang)}${said(max)}`);
        expect(name, figure).toContain(`${low(lang)}${said(min)}`);
      }
    }
  });

  it('says the kind of chart, what it measures, its years and its series, after the caption and description', () => {
    for (const names of runs) {
      expect(names.get('en|fig:lines')).toMatch(
        /^Index of twelve cities, 2016–2023 \(test fixture\)\. Twelve lines, one per city\. Line chart: Index, 2016–2023, 12 series; highest /,
      );
      expect(names.get('zh|fig:lines')).toMatch(/。折线图：指数，2016—2023 年，12 个系列；最高为/);
      // (the bars' x is the city, not the year: no years)
      expect(names.get('en|fig:bars')).toMatch(/\. Bar chart: Index; highest /);
      expect(names.get('en|fig:stack')).toMatch(/\. Area chart: Output, 2016–2023, 4 series; highest /);
      // a quantitative x is not a year, even from 1000 to 2999
      expect(names.get('en|fig:scatter')).toMatch(
        /\. Scatter plot: Spending \(% of GDP\) and Patents granted, 12 series; /,
      );
    }
  });

  it('is the same when the chart comes from the cache, which keeps its facts beside the SVG', () => {
    expect(runs[1]).toEqual(runs[0]);
    const cache = path.join(root, '.cache', 'charts');
    expect(readdirSync(cache).filter((f) => f.endsWith('.summary.json')).length).toBeGreaterThanOrEqual(8);
  });
});

describe('the summary of a chart whose filter drops rows', () => {
  it('names only what the chart draws', async () => {
    const root = reportCopy('mini');
    roots.push(root);
    const spec = path.join(root, 'data', 'charts', 'growth.vl.json');
    const written = JSON.parse(readFileSync(spec, 'utf8')) as Record<string, unknown>;
    writeFileSync(spec, JSON.stringify({ ...written, transform: [{ filter: 'datum.year < 2020' }] }, null, 2));
    const [names] = await chartNames(root);
    const en = names!.get('en|fig:growth')!;
    expect(en).toMatch(
      /^Output growth\. Bars show output in two years\. Bar chart: Output \(RMB 100 million\), 2019; highest 2019: /,
    );
    expect(en).toContain(formatValue('1200.5', 'cny-100m', 'en'));
    expect(en).not.toContain(formatValue('1510.81', 'cny-100m', 'en'));
    expect(en).not.toContain('lowest'); // one value: no lowest beside it
    expect(existsSync(path.join(root, 'dist', 'en', 'index.html'))).toBe(true);
  });
});
