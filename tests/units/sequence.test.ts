import { describe, expect, it } from 'vitest';
import { alignSequences, band, exactCells } from '../../scripts/units/sequence.js';
import { pacer } from '../../scripts/units/pace.js';
import { similarity } from '../../scripts/units/text-diff.js';

describe('sequence alignment', () => {
  const score = (a: string, b: string) => (a === b ? 10 : similarity(a, b) >= 0.3 ? 1 + 5 * similarity(a, b) : 0);

  it('leaves an added or removed item unpaired instead of shifting the pairs after it', async () => {
    const before = ['甲段落的文字内容', '乙段落的文字内容', '丙段落的文字内容', '丁段落的文字内容'];
    const added = ['甲段落的文字内容', '新段落', '乙段落的文字内容', '丙段落的文字内容', '丁段落的文字内容'];
    expect(await alignSequences(before, added, score)).toEqual([
      [0, 0],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(await alignSequences(added, before, score)).toEqual([
      [0, 0],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
  });

  it('pairs a changed item with its old self by similarity', async () => {
    const before = ['第一段：企业规模较小。', '第二段：技术引进为主。'];
    const after = ['第一段：企业规模普遍较小。', '第二段：技术引进为主。'];
    expect(await alignSequences(before, after, score)).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('never pairs items that score nothing', async () => {
    expect(await alignSequences(['a'], ['b'], () => 0)).toEqual([]);
  });

  it('scores a long chapter in a band about the diagonal: pairs grow with its length, not its square, and still pair across added and removed items', async () => {
    // 20,000 items a side (a 4 MB chapter): 400 million pairs if every one were scored.
    const n = 20_000;
    const a = Array.from({ length: n }, (_, i) => i);
    // b: a with 50 items removed here and there and 60 added elsewhere (marked as -1: nothing pairs with them).
    const b = a.filter((i) => i % 400 !== 7);
    for (let k = 0; k < 60; k++) b.splice(k * 300 + 11, 0, -1);
    let calls = 0;
    const pairs = await alignSequences(a, b, (x, y) => (calls++, x === y ? 10 : 0));
    expect(n * n).toBeGreaterThan(exactCells);
    expect(calls).toBeLessThan(n * (2 * band + 4));
    expect(pairs.length).toBe(a.filter((i) => i % 400 !== 7).length);
    expect(pairs.every(([i, j]) => a[i] === b[j])).toBe(true);
  });

  it('gives way to the event loop while it scores, and stops there once its signal is aborted', async () => {
    // 5,000 items a side: over a million scores in the band. A callback queued before the work starts runs at
    // the alignment's first turn of the event loop (as the CLI's SIGTERM handler would) and aborts it.
    const n = 5_000;
    const a = Array.from({ length: n }, (_, i) => i);
    const stop = new AbortController();
    setImmediate(() => stop.abort());
    let calls = 0;
    const score = (x: number, y: number) => (calls++, x === y ? 10 : 0);
    await expect(alignSequences(a, a, score, pacer({ signal: stop.signal, sliceMs: 0 }))).rejects.toThrow(/abort/i);
    // It stopped at its first turn, one look at the clock in (256 scores), not after the last row.
    expect(calls).toBe(256);
  });

  it('pairs the same with turns of the event loop as without', async () => {
    const n = 3_000;
    const a = Array.from({ length: n }, (_, i) => i);
    const b = a.filter((i) => i % 97 !== 3);
    const score = (x: number, y: number) => (x === y ? 10 : 0);
    const turns: number[] = [];
    const tick = pacer({ sliceMs: 0 });
    const counted = () => {
      const t = tick();
      if (t) turns.push(1);
      return t;
    };
    expect(await alignSequences(a, b, score, counted)).toEqual(await alignSequences(a, b, score));
    expect(turns.length).toBeGreaterThan(10);
  });
});
