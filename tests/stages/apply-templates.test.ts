import path from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { cli, closeTestBrowser, options, reportCopy, testBrowser } from '../helpers.js';
import { tableCsv } from '../../scripts/stages/apply-templates/table-csv.js';

afterAll(closeTestBrowser);

const attack = '<img src=x onerror=alert(1)>';

describe('values from data are escaped wherever they land', () => {
  it('shows markup in a table cell, a caption and the config as text, and runs nothing in Chromium', async () => {
    const root = reportCopy('mini');
    const table = path.join(root, 'data', 'tables', 'simple.json');
    writeFileSync(table, readFileSync(table, 'utf8').replace('"zh": "深圳"', `"zh": ${JSON.stringify(attack)}`));
    const figures = path.join(root, 'data', 'figures.yaml');
    writeFileSync(figures, readFileSync(figures, 'utf8').replace('zh: 产出增长', `zh: "产出${attack}"`));
    const config = path.join(root, 'report.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('shortTitle: 测试报告', `shortTitle: "测试${attack}"`));
    const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(root, 'dist', 'zh', 'index.html');
    const html = readFileSync(file, 'utf8');
    // Outside quoted attribute values (where "<" is inert), the markup never appears raw.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toContain(attack);
    expect(html).toMatch(/(&#x3C;|&lt;)img src=x onerror=alert\(1\)/);
    const page = await (await testBrowser()).newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const imgs = await page.$$eval('img', (els) => els.length);
    const cellText = await page.$eval('tbody th', (el) => el.textContent);
    await page.close();
    expect(imgs).toBe(0);
    expect(dialogs).toBe(0);
    expect(cellText).toBe(attack);
    // and in the chart as a download (its caption), and the table as CSV (as text)
    const svg = readFileSync(path.join(root, 'dist', 'zh', 'charts', 'fig-growth.svg'), 'utf8');
    expect(svg).not.toContain(attack);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(readFileSync(path.join(root, 'dist', 'zh', 'data', 'tables', 'tab-simple.csv'), 'utf8')).toContain(attack);
  });
});

describe('a table as CSV', () => {
  it('has one record per row: a cell spanning rows repeats, one spanning columns fills the first, lines join with "; "', () => {
    const html = `<table>
      <thead><tr><th rowspan="2">Type</th><th colspan="2">Ranks</th></tr><tr><th>1st</th><th>2nd</th></tr></thead>
      <tbody>
        <tr><th scope="rowgroup" rowspan="2">Hosts, "A"</th><td>Seoul (6)</td><td>…<br>Shenzhen (18)<br>Hong Kong (36)</td></tr>
        <tr><td>Tokyo
          (7)</td><td><ul><li>One</li><li>Two</li></ul></td></tr>
      </tbody>
    </table>`;
    expect(tableCsv(html).split('\r\n')).toEqual([
      'Type,Ranks,',
      'Type,1st,2nd',
      '"Hosts, ""A""",Seoul (6),…; Shenzhen (18); Hong Kong (36)',
      '"Hosts, ""A""",Tokyo (7),One; Two',
      '',
    ]);
  });
});

describe('the byline', () => {
  it('gives <time datetime> the ISO date in both editions, and prints the date as each language writes it', async () => {
    const root = reportCopy('mini');
    for (const lang of ['zh', 'en']) {
      const file = path.join(root, 'content', lang, '01-main.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(# .*)$/m, '$1\n\n{{> byline}}'));
    }
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'byline-')), 'dist');
    await build(options(root, out, { formats: ['html'] }));
    const times = (lang: string) =>
      [
        ...readFileSync(path.join(out, lang, 'index.html'), 'utf8').matchAll(
          /<time datetime="([^"]*)">([^<]*)<\/time>/g,
        ),
      ].map((m) => [m[1], m[2]]);
    // (the cover's date, then the byline's)
    expect(times('zh')).toEqual([
      ['2024-03-05', '2024 年 3 月 5 日'],
      ['2024-03-05', '2024 年 3 月 5 日'],
    ]);
    expect(times('en')).toEqual([
      ['2024-03-05', '5 March 2024'],
      ['2024-03-05', '5 March 2024'],
    ]);
  });
});
