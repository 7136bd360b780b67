import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { closeTestBrowser, options, repo } from '../helpers.js';
import { marksOf } from '../stages/render-charts/many-series.js';

/**
 * Issue #32 on a built report: tests/fixtures/many-series (twelve cities on a line chart and a scatter, four
 * sectors in a stacked area, twelve bars) built as a reader gets it, each chart read back from the edition's
 * page in both layouts (print: the wide one, which the PDF prints; phone: the narrow one).
 *
 * - Every data mark stands out from the chart's background by at least 3:1 (WCAG 2.2 1.4.11), by the colour
 *   that draws it — a line's stroke, a point's, bar's or area's fill —, composited over the background at its
 *   opacity.
 * - Every series of a line chart or a scatter has a cue besides colour (render-charts/distinct.ts): a shape of
 *   its own at its data points, or a dash of its own, and its legend entry shows the same shape.
 */

const root = path.join(repo, 'tests', 'fixtures', 'many-series');
const layouts = ['wide', 'narrow'] as const;
const pages: Record<string, string> = {};
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'chart-series-'));
  const out = path.join(dir, 'dist');
  await build(options(root, out, { cacheDir: path.join(dir, 'cache'), formats: ['html'] }));
  for (const lang of ['en', 'zh']) pages[lang] = readFileSync(path.join(out, lang, 'index.html'), 'utf8');
}, 300_000);
afterAll(async () => {
  await closeTestBrowser();
  rmSync(dir, { recursive: true, force: true });
});

/** A figure's chart in one layout, as the page holds it. */
function chart(lang: string, figure: string, layout: (typeof layouts)[number]): string {
  const html = pages[lang]!;
  const at = html.indexOf(`data-figure="${figure}"`);
  const found = new RegExp(`<div class="chart-${layout}">(<svg[\\s\\S]*?</svg>)`).exec(html.slice(at));
  expect(found, `${lang} ${figure} ${layout}`).not.toBeNull();
  return found![1]!;
}

/** Every chart of the fixture, in both editions and layouts, with a name for messages. */
const every = (figures: string[]) =>
  ['en', 'zh'].flatMap((lang) =>
    figures.flatMap((figure) => layouts.map((layout) => [`${lang} ${figure} ${layout}`, chart(lang, figure, layout)])),
  ) as [string, string][];

/** The background charts are drawn on: the theme's `.chart` rule. */
const background = /\.chart \{[^}]*background: (#[0-9a-f]{3,6})\b/.exec(
  readFileSync(path.join(repo, 'theme', 'styles', 'report.css'), 'utf8'),
)![1]!;

const channels = (hex: string) => {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  return [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
};
/** WCAG 2.2's relative luminance of sRGB channels (0–1). */
const luminance = (rgb: number[]) => {
  const f = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(rgb[0]!) + 0.7152 * f(rgb[1]!) + 0.0722 * f(rgb[2]!);
};
/** The contrast of `hex` drawn at `alpha` over the background. */
const contrast = (hex: string, alpha: number) => {
  const bg = channels(background);
  const seen = channels(hex).map((c, i) => alpha * c + (1 - alpha) * bg[i]!);
  const [a, b] = [luminance(seen), luminance(bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
};

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const alpha = (tag: string, name: string) => Number(attr(tag, 'opacity') ?? 1) * Number(attr(tag, name) ?? 1);

/** The colour a mark is seen by, with its contrast: a line's stroke, a filled mark's fill (or its stroke, if more). */
function seenBy(tag: string, role: string): { colour: string; ratio: number } {
  const drawn = (['fill', 'stroke'] as const)
    .filter((p) => (role === 'line' ? p === 'stroke' : true))
    .map((p) => ({ p, colour: attr(tag, p) }))
    .filter((c): c is { p: 'fill' | 'stroke'; colour: string } => !!c.colour && /^#[0-9a-f]+$/i.test(c.colour))
    .filter((c) => c.p === 'fill' || Number(attr(tag, 'stroke-width') ?? 1) >= 1)
    .map((c) => ({ colour: c.colour, ratio: contrast(c.colour, alpha(tag, `${c.p}-opacity`)) }));
  return drawn.sort((a, b) => b.ratio - a.ratio)[0] ?? { colour: '(none)', ratio: 0 };
}

/**
 * A symbol's outline whatever its size: its path's commands, with its numbers over the largest of them (a
 * circle, drawn with arcs, by its commands alone: an arc's flags do not scale).
 */
function outline(tag: string): string {
  const d = attr(tag, 'd') ?? '';
  if (/A/.test(d)) return d.replace(/[^A-Za-z]/g, '');
  const numbers = [...d.matchAll(/-?[\d.]+(?:e-?\d+)?/g)].map((m) => Number(m[0]));
  const scale = Math.max(...numbers.map(Math.abs));
  let i = 0;
  return d.replace(/-?[\d.]+(?:e-?\d+)?/g, () => (numbers[i++]! / scale).toFixed(1));
}

describe('every mark of a chart of many series', () => {
  it('stands out from the chart background by 3:1 or more, in both editions and layouts', () => {
    const weak: string[] = [];
    let marks = 0;
    for (const [where, svg] of every(['fig:lines', 'fig:scatter', 'fig:stack', 'fig:bars']))
      for (const role of ['line', 'symbol', 'area', 'rect'])
        for (const tag of marksOf(svg, role)) {
          marks++;
          const { colour, ratio } = seenBy(tag, role);
          if (ratio < 3) weak.push(`${where}: ${role} ${colour} ${ratio.toFixed(2)}:1`);
        }
    // 12 lines + 96 points, 12 points, 4 areas, 12 bars in each of four charts
    expect(marks).toBe(4 * (108 + 12 + 4 + 12));
    expect(weak).toEqual([]);
  });
});

describe('each series of a line chart or a scatter', () => {
  /** Each series' cue by its colour: the outlines of its points and its line's dash, as `outline|dash`. */
  function cues(svg: string): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    const add = (colour: string | undefined, cue: string) => {
      const key = colour ?? '(none)';
      out.set(key, (out.get(key) ?? new Set()).add(cue));
    };
    const dashes = new Map(marksOf(svg, 'line').map((l) => [attr(l, 'stroke'), attr(l, 'stroke-dasharray') ?? '']));
    for (const p of marksOf(svg, 'symbol')) add(attr(p, 'fill'), `${outline(p)}|${dashes.get(attr(p, 'fill')) ?? ''}`);
    for (const [colour, dash] of dashes) if (!out.has(colour ?? '')) add(colour, `|${dash}`);
    return out;
  }
  /** The legend's entries: each symbol's colour and outline. */
  const legend = (svg: string) =>
    [...svg.matchAll(/<g class="mark-symbol role-legend-symbol"[^>]*>(<path\b[^>]*>)/g)].map((m) => ({
      colour: attr(m[1]!, 'fill') ?? attr(m[1]!, 'stroke'),
      outline: outline(m[1]!),
    }));

  it('has a shape or dash of its own besides its colour, the same at each of its points, in both editions and layouts', () => {
    for (const [where, svg] of every(['fig:lines', 'fig:scatter'])) {
      const series = cues(svg);
      expect(series.size, where).toBe(12);
      for (const [colour, cue] of series) expect(cue.size, `${where}: ${colour} ${[...cue].join(', ')}`).toBe(1);
      const distinct = new Set([...series.values()].map((c) => [...c][0]!.replace(/\|$/, '') || '(colour only)'));
      expect(distinct.size, `${where}: ${[...distinct].join('  ')}`).toBe(12);
    }
  });

  it('shows its shape in its legend entry, in its colour', () => {
    for (const [where, svg] of every(['fig:lines', 'fig:scatter'])) {
      const shapes = new Map([...cues(svg)].map(([colour, cue]) => [colour, [...cue][0]!.split('|')[0]]));
      const entries = legend(svg);
      expect(entries, where).toHaveLength(12);
      for (const e of entries) expect(e.outline, `${where}: legend ${e.colour}`).toBe(shapes.get(e.colour!));
    }
  });
});
