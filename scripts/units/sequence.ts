import type { Tick } from './pace.js';

/**
 * Global sequence alignment (Needleman–Wunsch) of two lists: the order-keeping pairing with the highest
 * total score. A pair scoring 0 or less is never made; skipping an item costs nothing, so an item added or
 * removed on one side stays unpaired instead of shifting every pair after it. (jsdiff's diffArrays pairs
 * only equal items; here a changed paragraph must still pair with its old self, by similarity.)
 *
 * Up to `exactCells` pairs (a chapter of some 700 units a side) every pair is scored and the pairing is the
 * best there is. Past that the cost would grow with the square of the chapter (5 MB of prose: 25,000
 * paragraphs a side, 625 million scores), so only the pairs in a band of `band` items either side of the
 * diagonal are scored: time and memory grow with the length, and a unit more than `band` places out of step
 * with its partner stays unpaired (said as untranslated and orphan), which a translation that far out of step
 * is anyway.
 *
 * A long chapter's alignment takes seconds: it gives way to the event loop through `tick` after each score (see
 * pace.ts: a signal is handled within a slice of work) and rejects once the tick's signal is aborted.
 */
export const exactCells = 500_000;
export const band = 120;

/** The columns j of row i that are scored: [lo, hi] (hi may be m, the end, which scores nothing). */
interface Rows {
  lo: (i: number) => number;
  hi: (i: number) => number;
}

function rowsOf(n: number, m: number): Rows {
  const w = n * m <= exactCells ? m : band;
  return {
    lo: (i) => Math.max(0, Math.floor((i * m) / n) - w),
    hi: (i) => Math.min(m, Math.ceil(((i + 1) * m) / n) + w),
  };
}

export async function alignSequences<A, B>(
  a: readonly A[],
  b: readonly B[],
  score: (x: A, y: B) => number,
  tick: Tick = () => undefined,
): Promise<[number, number][]> {
  const n = a.length;
  const m = b.length;
  if (!n || !m) return [];
  const { lo, hi } = rowsOf(n, m);
  const best: Float64Array[] = [];
  const scores: Float64Array[] = [];
  /** The best total from (i, j) to the end: 0 past either end, -Infinity outside the band (never reached). */
  const at = (i: number, j: number) =>
    i === n || j === m ? 0 : j < lo(i) || j > hi(i) ? -Infinity : best[i]![j - lo(i)]!;
  for (let i = n - 1; i >= 0; i--) {
    const [l, h] = [lo(i), hi(i)];
    best[i] = new Float64Array(h - l + 1);
    scores[i] = new Float64Array(h - l + 1);
    for (let j = Math.min(h, m - 1); j >= l; j--) {
      const s = (scores[i]![j - l] = score(a[i]!, b[j]!));
      const pair = s > 0 ? s + at(i + 1, j + 1) : -Infinity;
      best[i]![j - l] = Math.max(pair, at(i + 1, j), at(i, j + 1));
      const turn = tick(); // (awaited only when it is due: an await per score would cost more than the score)
      if (turn) await turn;
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = scores[i]![j - lo(i)]!;
    if (s > 0 && at(i, j) === s + at(i + 1, j + 1)) {
      out.push([i, j]);
      i++;
      j++;
    } else if (at(i, j) === at(i + 1, j)) i++;
    else j++;
  }
  return out;
}
