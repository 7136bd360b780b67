import path from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
import { options, reportCopy } from '../helpers.js';

/*
 * One number style per edition (scripts/locale/number-style.ts): the mini report with values in the tens of
 * thousands, built; its prose, its bound table and its chart's SVG (axis labels and the marks' labels) read
 * back from each edition's page.
 */
let root: string;
const pages: Record<string, { prose: string; table: string; svg: string }> = {};

beforeAll(async () => {
  root = reportCopy('mini');
  const data = path.join(root, 'data');
  writeFileSync(
    path.join(data, 'growth.csv'),
    'id,year,value,source\n,2019,12000.5,text\noutput-2020,2020,28486.3,text\n',
  );
  // The chart labels its bars with their values (a text mark with no format of its own).
  const spec = path.join(data, 'charts', 'growth.vl.json');
  const { mark, ...rest } = JSON.parse(readFileSync(spec, 'utf8')) as Record<string, unknown>;
  const label = { mark: 'text', encoding: { text: { field: 'value', type: 'quantitative' } } };
  writeFileSync(spec, JSON.stringify({ ...rest, layer: [{ mark }, label] }));
  const meta = path.join(data, 'growth.meta.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace('unit: cny-100m', 'unit: number'));
  const session = newSession();
  await build(options(root, path.join(root, 'dist'), { formats: ['html'], session }));
  await settled(session);
  for (const lang of ['zh', 'en']) {
    const html = readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');
    const text = (s: string) => s.replace(/<[^>]+>/g, ' ');
    pages[lang] = {
      prose: text(/<p[ >][^]*?<\/p>/.exec(html.slice(html.indexOf('id="growth"')))![0]),
      table: text(/<table[^]*?<\/table>/.exec(html.slice(html.indexOf('id="tab-growth"')))![0]),
      svg: svgText(/<svg[^]*?<\/svg>/.exec(html.slice(html.indexOf('id="fig-growth"')))![0]),
    };
  }
}, 120_000);
/** What an SVG says: its text (axis and value labels) and its marks' labels (what a tooltip shows), one a line. */
function svgText(svg: string): string {
  return [...svg.matchAll(/>([^<]+)</g), ...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]).join('\n');
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('numbers are written one way in each edition', () => {
  it('zh groups no thousands: prose, table, axis and the marks’ labels alike', () => {
    const { prose, table, svg } = pages.zh!;
    expect(prose).toContain('28486.3');
    expect(table).toContain('28486.3');
    expect(table).toContain('12000.5');
    expect(svg).toMatch(/^10000$/m); // an axis label
    expect(svg).toMatch(/^28486\.3$/m); // a bar's label
    expect(svg).toContain('2020：28486.3'); // its tooltip
    for (const part of [prose, table, svg]) expect(part).not.toMatch(/\d,\d{3}/);
  });

  it('en groups thousands with commas: prose, table, axis and the marks’ labels alike', () => {
    const { prose, table, svg } = pages.en!;
    expect(prose).toContain('28,486.3');
    expect(table).toContain('28,486.3');
    expect(table).toContain('12,000.5');
    expect(svg).toMatch(/^10,000$/m);
    expect(svg).toMatch(/^28,486\.3$/m);
    expect(svg).toContain('2020: 28,486.3');
    for (const part of [prose, table, svg]) expect(part).not.toMatch(/\d{5}/);
  });
});
