import { allFaces, type FaceCache, type FontFace } from './catalogue.js';
import type { FontRequest } from './text-measure.js';

/* How CSS picks a face for a font request: its family list read, a bundled family's faces, the weight matched. */

/** The families of a CSS font-family list, unquoted. */
export function familyNames(list: string): string[] {
  return list
    .split(',')
    .map((f) => f.trim().replace(/^(['"])(.*)\1$/, '$2'))
    .filter(Boolean);
}

export function knownFamily(cache: FaceCache, packageDir: string, family: string): FontFace[] {
  try {
    return allFaces(cache, packageDir, [family]);
  } catch {
    return []; // not a bundled family (a generic name such as sans-serif): Chromium would ask the system
  }
}

/** A CSS font-weight as a number (relative weights from the canvas default, 400). */
export function cssWeight(w: FontRequest['weight']): number {
  if (w === null || w === undefined || w === '' || w === 'normal') return 400;
  if (w === 'bold' || w === 'bolder') return 700;
  if (w === 'lighter') return 100;
  const n = Number(w);
  return Number.isFinite(n) ? n : 400;
}

/** The available weight CSS picks for a desired one (CSS Fonts 4, §5.2, font-weight). */
export function matchWeight(desired: number, available: number[]): number {
  if (available.includes(desired)) return desired;
  const below = available.filter((w) => w < desired).sort((a, b) => b - a);
  const above = available.filter((w) => w > desired).sort((a, b) => a - b);
  if (desired >= 400 && desired <= 500) {
    const upTo500 = above.filter((w) => w <= 500);
    return upTo500[0] ?? below[0] ?? above[0]!;
  }
  return desired < 400 ? (below[0] ?? above[0]!) : (above[0] ?? below[0]!);
}
