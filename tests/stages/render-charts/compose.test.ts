import { describe, expect, it } from 'vitest';
import { composeDownload, type Measure } from '../../../scripts/stages/render-charts/compose.js';

/** A chart as Vega draws it: its size on the root, its font on each text. */
const chart = `<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="500" height="300" viewBox="0 0 500 300"><g><text font-family="'Source Sans 3', 'Noto Sans SC'" font-size="11px">2020</text><text font-family="'Source Sans 3', 'Noto Sans SC'">R&amp;D <tspan>spend</tspan></text></g></svg>`;

/** Every character 10 px wide, bold or not; records what was measured, in which font. */
function fixedWidth(): { measure: Measure; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    measure: (font, size, text) => (asked.push(`${font.weight}|${font.families}|${size}`), [...text].length * 10),
  };
}

describe('composeDownload (a chart framed as a file of its own)', () => {
  it("wraps the caption and notes to the chart's width in the chart's font, and sets the chart between them", () => {
    const { measure, asked } = fixedWidth();
    // 532 px wide (500 + 2 × 16): 50 characters a line.
    const caption = `Figure 1: ${'word '.repeat(15)}end`;
    const c = composeDownload(chart, { caption, notes: ['Source: a survey', ''] }, measure);
    expect(c.width).toBe(532);
    const lines = [...c.svg.matchAll(/<text x="16" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(lines.map(([, t]) => t)).toEqual([
      'Figure 1: word word word word word word word word',
      'word word word word word word word end',
      'Source: a survey',
    ]);
    expect(lines.every(([, t]) => String(t).length * 10 <= 500)).toBe(true);
    // The caption above the chart, the source below it, and the whole height holds them all.
    const chartY = Number(
      /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="marks"[^>]* x="16" y="([\d.]+)">/.exec(c.svg)![1],
    );
    expect(Number(lines[1]![0])).toBeLessThan(chartY);
    expect(Number(lines[2]![0])).toBeGreaterThan(chartY + 300);
    expect(c.height).toBeGreaterThan(Number(lines[2]![0]));
    expect(c.svg).toMatch(
      new RegExp(
        `^<svg xmlns="http://www.w3.org/2000/svg" width="532" height="${c.height}" viewBox="0 0 532 ${c.height}"><rect width="532" height="${c.height}" fill="#ffffff"/>`,
      ),
    );
    expect(asked).toContain("700|'Source Sans 3', 'Noto Sans SC'|15");
    expect(asked).toContain("400|'Source Sans 3', 'Noto Sans SC'|11");
  });

  it("gives each weight its text (the chart's own included) for the fonts the file embeds, and escapes what it writes", () => {
    const c = composeDownload(
      chart,
      { caption: 'Figure 2: R&D <spend>', notes: ['Note: a "quote"'] },
      fixedWidth().measure,
    );
    expect(c.bold).toBe('Figure 2: R&D <spend>');
    expect(c.regular).toBe('2020 R&D spend Note: a "quote"');
    expect(c.svg).toContain('font-weight="bold" fill="#1d1d1f">Figure 2: R&amp;D &lt;spend&gt;</text>');
    expect(c.svg).toContain(`font-family="'Source Sans 3', 'Noto Sans SC'"`);
  });

  it('breaks Chinese between characters, never before closing punctuation, and keeps a narrow chart at the least width', () => {
    const narrow = chart.replace('width="500"', 'width="200"');
    const caption = `图1：${'深港科技合作'.repeat(8)}，完`;
    const c = composeDownload(narrow, { caption, notes: [] }, fixedWidth().measure);
    expect(c.width).toBe(480);
    const lines = [...c.svg.matchAll(/font-weight="bold"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(lines.join('')).toBe(caption);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => [...l].length <= 44)).toBe(true);
    expect(lines.some((l) => l.startsWith('，'))).toBe(false);
  });
});
