import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repo } from '../../helpers.js';

/**
 * The theme's categorical palette (theme/chart-theme.json: CARTOColors "Safe", colour-blind safe): twelve colours,
 * ordered so that the first nine — every series of a chart with up to nine — stand out from the white page by at
 * least 3:1, as WCAG 2.2 1.4.11 asks of the graphics a reader needs; the last three (light cyan, teal, sand) only
 * come after them.
 */
const theme = JSON.parse(readFileSync(path.join(repo, 'theme', 'chart-theme.json'), 'utf8')) as {
  range: { category: string[] };
};
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const f = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
};
const againstWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe("the charts' palette", () => {
  it('has twelve distinct colours', () => {
    expect(new Set(theme.range.category.map((c) => c.toLowerCase())).size).toBe(12);
  });

  it('gives the first nine series at least 3:1 contrast against the page', () => {
    const weak = theme.range.category.slice(0, 9).filter((c) => againstWhite(c) < 3);
    expect(weak).toEqual([]);
  });
});
