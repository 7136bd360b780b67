/** Did-you-mean hints: the closest known name to a mistyped one. */
/** The nearest of `candidates` to `name`, for "did you mean" hints. */
export function nearest(name: string, candidates: Iterable<string>): string {
  let best = '';
  let bestScore = Infinity;
  for (const c of candidates) {
    const s = distance(name, c);
    if (s < bestScore) [best, bestScore] = [c, s];
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
