import { describe, expect, it } from 'vitest';
import { alignSequences } from '../../scripts/units/sequence.js';
import { similarity } from '../../scripts/units/text-diff.js';

describe('sequence alignment', () => {
  const score = (a: string, b: string) => (a === b ? 10 : similarity(a, b) >= 0.3 ? 1 + 5 * similarity(a, b) : 0);

  it('leaves an added or removed item unpaired instead of shifting the pairs after it', () => {
    const before = ['甲段落的文字内容', '乙段落的文字内容', '丙段落的文字内容', '丁段落的文字内容'];
    const added = ['甲段落的文字内容', '新段落', '乙段落的文字内容', '丙段落的文字内容', '丁段落的文字内容'];
    expect(alignSequences(before, added, score)).toEqual([
      [0, 0],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(alignSequences(added, before, score)).toEqual([
      [0, 0],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
  });

  it('pairs a changed item with its old self by similarity', () => {
    const before = ['第一段：企业规模较小。', '第二段：技术引进为主。'];
    const after = ['第一段：企业规模普遍较小。', '第二段：技术引进为主。'];
    expect(alignSequences(before, after, score)).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('never pairs items that score nothing', () => {
    expect(alignSequences(['a'], ['b'], () => 0)).toEqual([]);
  });
});
