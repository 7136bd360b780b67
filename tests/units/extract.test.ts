import { describe, expect, it } from 'vitest';
import { chapterUnits, positionOf } from '../../scripts/units/extract.js';
import type { Chapter } from '../../scripts/model/content.js';

const body = `# 一、标题 {#top-sec}

第一段，{{num "a"}}
接续一行[^n1]。

{{figure "fig:x"}}

## 小节 {#sub}

- 第一项
- 第二项
  - 嵌套项

| 甲 | 乙 |
| --- | --- |
| 一 | |

> 引文段落

[^n1]: 来源，<https://example.org>
`;

describe('a chapter split into units', () => {
  const chapter: Chapter = { lang: 'zh', id: 'x', file: 'content/zh/01-x.md', body, bodyLine: 5 };
  const units = chapterUnits(chapter);

  it('gives each unit an id by section and order, its kind, text and line in the file', () => {
    expect(units.map((u) => [u.id, u.kind, u.text, u.line])).toEqual([
      ['top-sec', 'heading', '一、标题', 5],
      ['top-sec.p1', 'paragraph', '第一段，{{num "a"}} 接续一行[^n1]。', 7],
      ['fig:x', 'slot', '{{figure "fig:x"}}', 10],
      ['sub', 'heading', '小节', 12],
      ['sub.li1', 'item', '第一项', 14],
      ['sub.li2', 'item', '第二项', 15],
      ['sub.li3', 'item', '嵌套项', 16],
      ['sub.t1.r1c1', 'cell', '甲', 18],
      ['sub.t1.r1c2', 'cell', '乙', 18],
      ['sub.t1.r2c1', 'cell', '一', 20],
      ['sub.p1', 'paragraph', '引文段落', 22],
      ['note.n1', 'note', '来源，<https://example.org>', 24],
    ]);
  });

  it('knows the line and column of every character, across a folded line break', () => {
    const p = units[1]!;
    expect(positionOf(p, p.text.indexOf('接续'))).toEqual({ line: 8, column: 1 });
    expect(positionOf(p, p.text.indexOf('{{num'))).toEqual({ line: 7, column: 5 });
  });

  it('links each unit to its place in the edition', () => {
    expect(units.map((u) => u.anchor)).toEqual([
      'top-sec',
      'top-sec.p1',
      'fig-x',
      'sub',
      'sub.li1',
      'sub.li2',
      'sub.li3',
      'sub',
      'sub',
      'sub',
      'sub.p1',
      'note-n1',
    ]);
  });
});

describe('Handlebars comments in a chapter', () => {
  const commented = `# 一、标题 {#top-sec}

{{!-- 作者注：{{num "id"}} 引用数据 --}}
第一段，{{num "a"}}[^n1]。

{{!-- {{figure}} 单独成行 --}}
{{figure "fig:x"}}

{{! 注释 }}
[^n1]: 来源
`;
  const units = chapterUnits({ lang: 'zh', id: 'x', file: 'content/zh/01-x.md', body: commented, bodyLine: 5 });

  it('are not part of any unit: a comment line above a placement or a note leaves them a placement and a note, as the edition renders them', () => {
    expect(units.map((u) => [u.id, u.kind, u.text, u.line])).toEqual([
      ['top-sec', 'heading', '一、标题', 5],
      ['top-sec.p1', 'paragraph', '第一段，{{num "a"}}[^n1]。', 8],
      ['fig:x', 'slot', '{{figure "fig:x"}}', 11],
      ['note.n1', 'note', '来源', 14],
    ]);
  });
});
