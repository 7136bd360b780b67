import { decodeXML } from 'entities/decode';
import type { FontRequest } from '../../fonts/text-measure.js';

/** What a downloaded chart shows around the chart itself. */
export interface Frame {
  caption: string;
  /** Lines under the chart: the source line, the credit (report, date, address). */
  notes: string[];
}

export interface Composed {
  svg: string;
  /** The composed chart's text, by weight (for the fonts it embeds). */
  regular: string;
  bold: string;
  width: number;
  height: number;
}

/** Width in CSS px of a text in a font at a size (fonts/text-measure.ts: as Chromium's canvas measures it). */
export type Measure = (font: FontRequest, size: number, text: string) => number;

const MARGIN = 16;
const MIN_WIDTH = 480;

/**
 * Where a line may break: after a CJK character (with the closing punctuation that follows it, which never
 * starts a line), and between words, each with the spaces after it.
 */
const TOKEN =
  /[\u2e80-\u9fff\uf900-\ufaff][\u3001\u3002\uff0c\uff1a\uff1b\uff09\u300b\u201d\u3011]*|[^\s\u2e80-\u9fff\uf900-\ufaff]+\s*|\s+/g;

/**
 * A chart as a file of its own: the caption above it and the source and
 * credit below, in the chart's font, on white, each wrapped to the chart's
 * width (at least MIN_WIDTH) with the bundled fonts' real measures — the text
 * measure that lays the charts out (render-charts), so no browser is needed.
 */
export function composeDownload(chart: string, frame: Frame, measure: Measure): Composed {
  const root = /^<svg\b[^>]*>/.exec(chart)?.[0] ?? '<svg>';
  const chartW = Number(attr(root, 'width')) || 0;
  const chartH = Number(attr(root, 'height')) || 0;
  const family = attr(/<text\b[^>]*>/.exec(chart)?.[0] ?? '', 'font-family') ?? 'sans-serif';
  const width = Math.max(chartW + 2 * MARGIN, MIN_WIDTH);
  const blocks = [
    { text: frame.caption, size: 15, bold: true, fill: '#1d1d1f', above: true },
    ...frame.notes.filter(Boolean).map((text) => ({ text, size: 11, bold: false, fill: '#555a60', above: false })),
  ];
  const parts: string[] = [];
  const texts: { text: string; bold: boolean }[] = [];
  let y = MARGIN;
  for (const above of [true, false]) {
    if (!above) {
      parts.push(root.replace(/>$/, ` x="${(width - chartW) / 2}" y="${y}">`) + chart.slice(root.length));
      y += chartH + 6;
    }
    for (const b of blocks.filter((x) => x.above === above)) {
      const font = { families: family.replace(/"/g, "'"), weight: b.bold ? 700 : 400 };
      for (const line of wrap(b.text, width - 2 * MARGIN, (t) => measure(font, b.size, t))) {
        y += b.size * 1.45;
        const weight = b.bold ? ' font-weight="bold"' : '';
        const at = `x="${MARGIN}" y="${Math.round((y - b.size * 0.35) * 10) / 10}"`;
        const face = `font-family="${escapeAttr(family)}" font-size="${b.size}px"${weight}`;
        parts.push(`<text ${at} ${face} fill="${b.fill}">${escapeText(line)}</text>`);
        texts.push({ text: line, bold: b.bold });
      }
      y += 4;
    }
  }
  const height = Math.ceil(y + MARGIN);
  const chartText = [...chart.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)]
    .map((m) => decodeXML(m[1]!.replace(/<[^>]*>/g, '')))
    .join(' ');
  const size = `width="${width}" height="${height}"`;
  return {
    svg: [
      `<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="0 0 ${width} ${height}">`,
      `<rect ${size} fill="#ffffff"/>`,
      ...parts,
      '</svg>',
    ].join(''),
    regular: `${chartText} ${texts
      .filter((t) => !t.bold)
      .map((t) => t.text)
      .join(' ')}`,
    bold: texts
      .filter((t) => t.bold)
      .map((t) => t.text)
      .join(' '),
    width,
    height,
  };
}

/** A text in lines no wider than `max`, broken greedily where TOKEN allows (a word longer than a line keeps its own). */
function wrap(text: string, max: number, width: (t: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const t of text.match(TOKEN) ?? []) {
    if (line && width((line + t).trimEnd()) > max) {
      lines.push(line.trimEnd());
      line = t.trimStart();
    } else line += t;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** An attribute of a start tag, its character references decoded. */
function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? decodeXML(m[1] ?? m[2] ?? '') : undefined;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
