/**
 * What render-charts hands to apply-templates: one map of text by key, per
 * chart of an edition —
 *   `${lang}|${id}`               the print rendering (SVG), also the web's wide one
 *   `${lang}|${id}|narrow`        the phone rendering (SVG), when the theme has one
 *   `${lang}|${id}|summary`       what the chart draws, in words (the end of its alternate text)
 * and, by the print rendering's key, each placed chart's download, being drawn
 * (the page links to it at once; the file is written when it is drawn).
 */
import type { Lang } from '../context.js';

export type ChartTexts = Map<string, string>;

/** A chart as readers download it: an SVG that carries its fonts (caption, chart, source), and a PNG drawn from it. */
export interface ChartDownload {
  svg: string;
  png: Uint8Array;
}

export type ChartDownloads = Map<string, Promise<ChartDownload>>;

export const chartKey = (lang: Lang, id: string) => `${lang}|${id}`;
export const narrowKey = (key: string) => `${key}|narrow`;
export const summaryKey = (key: string) => `${key}|summary`;

/** HTML-safe element id for a figure or table id ("fig:rd-gdp" → "fig-rd-gdp"): its permalink. */
export function anchorOf(id: string): string {
  return id.replace(':', '-');
}
