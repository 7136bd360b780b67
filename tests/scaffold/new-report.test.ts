import path from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, snapshot } from '../helpers.js';
import { readPdf, squash } from '../pdf.js';
import { chartOf, coloursByCode } from '../e2e/chart-colours.js';

/**
 * `npm run new -- DIR` as a new user runs it, then `npm run build -- --root DIR` (both editions,
 * HTML and PDF) and `npm run check`, with nothing copied from this repository; then one value of
 * the starter's CSV is raised and the prose, the table and the chart all change.
 */
const dir = path.join(mkdtempSync(path.join(tmpdir(), 'new-')), 'my-report');
const html = (lang: string) => readFileSync(path.join(dir, 'dist', lang, 'index.html'), 'utf8');
const pdf = (lang: string) => path.join(dir, 'dist', lang, `my-report-${lang}.pdf`);
const tableRows = (page: string) =>
  [
    .../<table class="table-dataset"[\s\S]*?<\/table>/
      .exec(page)![0]
      .matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td><\/tr>/g),
  ].map((m) => `${m[1]} ${m[2]}`);
let built: Awaited<ReturnType<typeof cli>>;

beforeAll(async () => {
  const made = await cli(['new', dir]);
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout).toContain(`next: npm run build -- --root ${dir}`);
  built = await cli(['build', '--root', dir]);
});

describe('npm run new', () => {
  it('writes a report with report.yaml, content/ and data/ and no templates/, its id from the folder name', () => {
    expect(readdirSync(dir).sort()).toEqual([
      '.cache',
      '.gitignore',
      'README.md',
      'content',
      'data',
      'dist',
      'report.yaml',
    ]);
    const config = parse(readFileSync(path.join(dir, 'report.yaml'), 'utf8'));
    expect(config.id).toBe('my-report');
    expect(config.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // every file of the starter says what to edit
    for (const f of [
      'report.yaml',
      'content/zh/01-overview.md',
      'content/en/01-overview.md',
      'data/rd-intensity.meta.yaml',
      'data/figures.yaml',
      'data/tables.yaml',
    ]) {
      expect(readFileSync(path.join(dir, f), 'utf8'), f).toMatch(/^\s*(#|\{\{!--)/m);
    }
    expect(readFileSync(path.join(dir, 'data', 'charts', 'rd-intensity.vl.json'), 'utf8')).toContain('"$comment"');
  });

  it('builds at once: both editions, HTML and PDF, without an error or a warning', async () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toBe('');
    expect(built.stdout).toMatch(/^built zh \+ en → /m);
    for (const lang of ['zh', 'en']) {
      expect(existsSync(pdf(lang))).toBe(true);
      expect((await readPdf(pdf(lang))).pages.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('passes npm run check', async () => {
    const r = await cli(['check', '--root', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('shows every feature: heading ids, a citation as a note, {{num}} values, a chart from the dataset and a table bound to it', () => {
    const zh = html('zh');
    const en = html('en');
    expect(zh).toContain('id="overview"');
    expect(en).toContain('id="overview-economies"');
    expect(en).toMatch(/<li id="note-cite-overview-1"/);
    // data/references.json's one reference, in Chicago notes and in GB/T 7714-2015, its address a link.
    expect(en).toContain('<a href="https://data.worldbank.org/indicator/GB.XPD.RSDV.GD.ZS">');
    expect(en.replace(/<[^>]+>/g, '')).toContain(
      'World Bank, “Research and development expenditure (% of GDP),” World Development Indicators, July 13, 2026, https://data.worldbank.org/indicator/GB.XPD.RSDV.GD.ZS.',
    );
    // (English in the Chinese edition is marked as English: the text without its tags.)
    expect(zh.replace(/<[^>]+>/g, '')).toContain(
      'World Bank. Research and development expenditure (% of GDP)[EB/OL]. (2026-07-13). https://data.worldbank.org/indicator/GB.XPD.RSDV.GD.ZS.',
    );
    expect(en).toContain('South Korea spent 4.60% of its GDP');
    expect(zh).toContain('占国内生产总值的 4.60%');
    expect(chartOf(en, 'fig:rd-intensity')).toMatch(/<svg/);
    expect(tableRows(en)).toEqual([
      'South Korea 4.60%',
      'United States 3.47%',
      'Japan 3.27%',
      'Germany 3.08%',
      'China 2.38%',
    ]);
    expect(tableRows(zh)).toEqual(['韩国 4.60%', '美国 3.47%', '日本 3.27%', '德国 3.08%', '中国 2.38%']);
  });

  it('colours each economy the same in both editions', () => {
    const labels = parse(readFileSync(path.join(dir, 'data', 'rd-intensity.meta.yaml'), 'utf8')).labels.economy;
    const { zh, en } = coloursByCode(
      { zh: chartOf(html('zh'), 'fig:rd-intensity'), en: chartOf(html('en'), 'fig:rd-intensity') },
      labels,
    );
    expect(Object.values(en)).not.toContain('(missing)');
    expect(en).toEqual(zh);
  });

  it('changes prose, table and chart when a value of its CSV is raised', async () => {
    const chart0 = chartOf(html('en'), 'fig:rd-intensity');
    const csv = path.join(dir, 'data', 'rd-intensity.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('kor-2021,KOR,2021,4.59673,', 'kor-2021,KOR,2021,5.01234,'));
    const r = await cli(['build', '--root', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const [lang, prose, row] of [
      ['en', 'South Korea spent 5.01% of its GDP', 'South Korea 5.01%'],
      ['zh', '占国内生产总值的 5.01%', '韩国 5.01%'],
    ] as const) {
      expect(html(lang)).toContain(prose);
      expect(tableRows(html(lang))[0]).toBe(row);
      expect(squash((await readPdf(pdf(lang))).pages.map((p) => p.text).join(''))).toContain(squash(row));
    }
    const chart = chartOf(html('en'), 'fig:rd-intensity');
    expect(chart).not.toBe(chart0);
    expect(chart).toContain('5.01234');
  });

  it('refuses a folder that is not empty, with one line, and writes nothing', async () => {
    const busy = mkdtempSync(path.join(tmpdir(), 'busy-'));
    mkdirSync(path.join(busy, 'notes'));
    writeFileSync(path.join(busy, 'draft.md'), 'mine');
    const before = snapshot(busy);
    const r = await cli(['new', busy]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${busy}:1:1  error  The folder is not empty (it holds draft.md, notes) — npm run new writes only into a new or empty folder: name one that does not exist yet  [not-empty]`,
    ]);
    expect(snapshot(busy)).toEqual(before);
    expect((await cli(['new'])).code).toBe(2);
  });
});
