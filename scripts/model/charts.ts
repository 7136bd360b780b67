/**
 * What render-charts hands to apply-templates: one map of text by key, per
 * chart of an edition —
 *   `${lang}|${id}`               the print rendering (SVG), also the web's wide one
 *   `${lang}|${id}|narrow`        the phone rendering (SVG), when the theme has one
 *   `${lang}|${id}|download.svg`  the chart as a file: caption, chart, source, fonts embedded
 *   `${lang}|${id}|download.png`  the same drawn by Chromium, base64
 */
import type { Lang } from '../context.js';

export type ChartTexts = Map<string, string>;

export const chartKey = (lang: Lang, id: string) => `${lang}|${id}`;
export const narrowKey = (key: string) => `${key}|narrow`;
export const downloadSvgKey = (key: string) => `${key}|download.svg`;
export const downloadPngKey = (key: string) => `${key}|download.png`;

/** HTML-safe element id for a figure or table id ("fig:rd-gdp" → "fig-rd-gdp"): its permalink. */
export function anchorOf(id: string): string {
  return id.replace(':', '-');
}
