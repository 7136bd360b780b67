import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';

afterAll(closeTestBrowser);

const chartOf = (html: string, id: string) =>
  new RegExp(`data-figure="${id}"[\\s\\S]*?(<svg[\\s\\S]*?</svg>)`).exec(html)?.[1] ?? '';

describe('numbers bound to data', () => {
  it('a data edit reaches prose, chart and both editions on the next build; an unchanged chart is not rendered again', async () => {
    const root = reportCopy('real');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'bind-')), 'dist');
    const opts = options(root, out, { formats: ['html'] });
    const first = await build(opts);
    // five charts, two languages, each in its print and its narrow (phone) layout
    expect(first.chartsRendered).toBe(20);
    const zh0 = readFileSync(path.join(out, 'zh', 'index.html'), 'utf8');
    expect(zh0).toContain('1510.81 亿元');

    const again = await build(opts);
    expect(again.chartsRendered).toBe(0);

    const csv = path.join(root, 'data', 'sz-rd.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(',1510.81,', ',1777.77,'));
    const edited = await build(opts);
    const zh = readFileSync(path.join(out, 'zh', 'index.html'), 'utf8');
    const en = readFileSync(path.join(out, 'en', 'index.html'), 'utf8');
    expect(zh).not.toContain('1510.81');
    expect(zh.match(/1777\.77 亿元/g)!.length).toBeGreaterThanOrEqual(1);
    expect(en).toContain('RMB 177.78 billion');
    // the two charts that read sz-rd (figures 7 and 8), in both languages and both layouts, and no other
    expect(edited.chartsRendered).toBe(8);
    expect(chartOf(zh, 'fig:sz-rd-trend')).not.toBe(chartOf(zh0, 'fig:sz-rd-trend'));
    expect(chartOf(zh, 'fig:rd-gdp')).toBe(chartOf(zh0, 'fig:rd-gdp'));
  });
});
