/**
 * Global sequence alignment (Needleman–Wunsch) of two lists: the order-keeping pairing with the highest
 * total score. A pair scoring 0 or less is never made; skipping an item costs nothing, so an item added or
 * removed on one side stays unpaired instead of shifting every pair after it. (jsdiff's diffArrays pairs
 * only equal items; here a changed paragraph must still pair with its old self, by similarity.)
 */
export function alignSequences<A, B>(
  a: readonly A[],
  b: readonly B[],
  score: (x: A, y: B) => number,
): [number, number][] {
  const n = a.length;
  const m = b.length;
  const best: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const scores: number[][] = a.map((x) => b.map((y) => score(x, y)));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = scores[i]![j]!;
      const pair = s > 0 ? s + best[i + 1]![j + 1]! : -Infinity;
      best[i]![j] = Math.max(pair, best[i + 1]![j]!, best[i]![j + 1]!);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = scores[i]![j]!;
    if (s > 0 && best[i]![j] === s + best[i + 1]![j + 1]!) {
      out.push([i, j]);
      i++;
      j++;
    } else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  return out;
}
