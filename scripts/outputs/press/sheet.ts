import type { PressSettings } from '../../model/press-geometry.js';

/** A rectangle in points: left, bottom, right, top. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where a screen page goes on the press sheet: the sheet (MediaBox) is the trim with the bleed and the marks'
 * margin around it; the screen page is centred on the trim (Chromium prints A4 as 594.96 × 841.92 pt, the trim is
 * 595.28 × 841.89: what the page does not cover is bleed the edge extension fills).
 */
export interface Sheet {
  media: Box;
  bleed: Box;
  trim: Box;
  /** The screen page on the sheet. */
  page: Box;
  /** The screen page's own size. */
  pageSize: [number, number];
}

/** How far a screen page may differ from the trim asked for (Chromium's rounding to CSS pixels is a fraction of this). */
export const TRIM_TOLERANCE = 72 / 25.4;

/** The sheet for a screen page of `pageSize`, or the trim it should have been when it is not the page's size. */
export function sheetFor(settings: PressSettings, pageSize: [number, number]): Sheet | { mismatch: [number, number] } {
  const [pw, ph] = pageSize;
  const [tw, th] = settings.trim ?? pageSize;
  if (Math.abs(tw - pw) > TRIM_TOLERANCE || Math.abs(th - ph) > TRIM_TOLERANCE) return { mismatch: [tw, th] };
  const m = settings.margin;
  const b = settings.bleed;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const box = (x0: number, y0: number, x1: number, y1: number): Box => ({
    x0: round(x0),
    y0: round(y0),
    x1: round(x1),
    y1: round(y1),
  });
  const ox = m + (tw - pw) / 2;
  const oy = m + (th - ph) / 2;
  return {
    media: box(0, 0, tw + 2 * m, th + 2 * m),
    bleed: box(m - b, m - b, m + tw + b, m + th + b),
    trim: box(m, m, m + tw, m + th),
    page: box(ox, oy, ox + pw, oy + ph),
    pageSize,
  };
}

export const width = (b: Box): number => b.x1 - b.x0;
export const height = (b: Box): number => b.y1 - b.y0;
