import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  differenceCiede2000,
  filterDeficiencyDeuter,
  filterDeficiencyProt,
  filterDeficiencyTrit,
  parse,
  type Color,
} from 'culori';
import { repo } from '../../helpers.js';

/**
 * The theme's categorical palette (theme/chart-theme.json): the first nine colours of CARTOColors "Safe"
 * (colour-blind safe), then three of our own in place of its light cyan, teal and sand, which stood out from the
 * white page by less than 3:1. Every colour now does, as WCAG 2.2 1.4.11 asks of the graphics a reader needs —
 * a chart's lines, points, bars and areas —, and the twelve stay apart for readers with a colour vision
 * deficiency: seen through the simulations of Machado, Oliveira and Fernandes, "A Physiologically-based Model
 * for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009 (culori's `filterDeficiency*`, at full
 * severity), no two are closer than the palette's first nine already came.
 */
const theme = JSON.parse(readFileSync(path.join(repo, 'theme', 'chart-theme.json'), 'utf8')) as {
  range: { category: string[] };
};
const palette = theme.range.category;
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const f = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
};
const againstWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

/** How each kind of reader sees a colour: as it is, and with each dichromacy. */
const sight: Record<string, (c: Color) => Color> = {
  normal: (c) => c,
  deuteranopia: filterDeficiencyDeuter(1),
  protanopia: filterDeficiencyProt(1),
  tritanopia: filterDeficiencyTrit(1),
};
const deltaE = differenceCiede2000();

/** The two colours of `colours` closest to each other as `seen`, and their CIEDE2000 distance. */
function closest(colours: string[], seen: (c: Color) => Color): { pair: string; distance: number } {
  let best = { pair: '', distance: Infinity };
  colours.forEach((a, i) =>
    colours.slice(i + 1).forEach((b) => {
      const distance = deltaE(seen(parse(a)!), seen(parse(b)!));
      if (distance < best.distance) best = { pair: `${a} ${b}`, distance };
    }),
  );
  return best;
}

describe("the charts' palette", () => {
  it('has twelve distinct colours', () => {
    expect(new Set(palette.map((c) => c.toLowerCase())).size).toBe(12);
  });

  it('gives every series, all twelve, at least 3:1 contrast against the page', () => {
    const weak = palette.filter((c) => againstWhite(c) < 3).map((c) => `${c} ${againstWhite(c).toFixed(2)}:1`);
    expect(weak).toEqual([]);
  });

  it('keeps every two colours apart with normal sight and with each dichromacy, as CARTOColors Safe kept its first nine', () => {
    // The first nine's closest pair is 7.2 apart (CIEDE2000), #cc6677 and #888888 seen with deuteranopia: no
    // colour put after them may come closer to any other than that, as any reader sees it.
    const found = Object.entries(sight).map(([who, seen]) => ({ who, ...closest(palette, seen) }));
    const near = found.filter((f) => f.distance < 7).map((f) => `${f.who}: ${f.pair} ${f.distance.toFixed(1)}`);
    expect(near).toEqual([]);
    expect(closest(palette.slice(0, 9), sight.deuteranopia!).distance).toBeGreaterThan(7);
  });
});
