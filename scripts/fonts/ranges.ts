import { formatRanges } from './catalogue.js';

/** Sets of code points: as sorted arrays, as [from, to] ranges, and as CSS unicode-range text. */

/** The printable code points of a text, sorted, each once. */
export function codepoints(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    set.add(cp);
  }
  return [...set].sort((a, b) => a - b);
}

/** Whether any of the sorted code points falls in the ranges (binary search per range). */
export function meets(ranges: [number, number][], sorted: number[]): boolean {
  for (const [a, b] of ranges) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < a) lo = mid + 1;
      else hi = mid;
    }
    if (lo < sorted.length && sorted[lo]! <= b) return true;
  }
  return false;
}

/** A character map's ranges are sorted and disjoint: binary search. */
export function inSorted(ranges: [number, number][], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** [those that pass, those that do not], in one pass. */
export function split(cps: number[], test: (cp: number) => boolean): [number[], number[]] {
  const yes: number[] = [];
  const no: number[] = [];
  for (const cp of cps) (test(cp) ? yes : no).push(cp);
  return [yes, no];
}

export function inRanges(ranges: [number, number][], cp: number): boolean {
  return ranges.some(([a, b]) => cp >= a && cp <= b);
}

/** Sorted code points → `U+4e00-4e01,U+4e09`. */
export function unicodeRange(sorted: number[]): string {
  return formatRanges(toRanges(sorted));
}

export function toRanges(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const cp of sorted) {
    const last = out[out.length - 1];
    if (last && cp === last[1] + 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}
