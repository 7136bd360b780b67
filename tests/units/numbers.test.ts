import { describe, expect, it } from 'vitest';
import { digitNumbers, parseChineseNumeral, unmatchedNumbers, expressionsOf } from '../../scripts/units/numbers.js';

/** What the consistency check of a pair compares: numbers however written, and expressions. */
const unmatched = (zh: string, en: string) => ({
  zh: unmatchedNumbers(zh, en).map((t) => t.raw),
  en: unmatchedNumbers(en, zh).map((t) => t.raw),
});

describe('numbers in a unit and its translation', () => {
  it('flags a number on one side without counterpart on the other', () => {
    expect(unmatched('过去 40 年，深圳', 'Over the past 45 years, Shenzhen')).toEqual({ zh: ['40'], en: ['45'] });
    expect(unmatched('增长 5.7 倍', 'grew 5.8 times')).toEqual({ zh: ['5.7'], en: ['5.8'] });
    expect(unmatched('占比 90%', 'a share of 80%')).toEqual({ zh: ['90'], en: ['80'] });
    expect(unmatched('2021 年', 'in 2022')).toEqual({ zh: ['2021'], en: ['2022'] });
  });

  it('understands numbers written in words, ordinals, months, decades and centuries', () => {
    for (const [zh, en] of [
      ['9 家企业', 'nine firms'],
      ['7 个方面、22 条措施', '22 measures in seven areas'],
      ['20 世纪 80 年代初', 'the early 1980s'],
      ['20 世纪', 'the 20th century'],
      ['9 月 2 日', 'on 2 September'],
      ['2022 年 1-9 月', 'January to September 2022'],
      ['第 3 名', 'third'],
      ['二十一家', '21 firms'],
      ['近十年间', 'in the nearly 10 years'],
      ['两个园区', '2 parks'],
      ['每万人', 'per 10,000 people'],
      ['千万元级', 'RMB 10 million or more'],
      ['1510.81 亿元', 'RMB 151,081 million'],
    ])
      expect(unmatched(zh!, en!), `${zh} ↔ ${en}`).toEqual({ zh: [], en: [] });
  });

  it('ignores digits that are part of names, expressions, note markers and links', () => {
    expect(
      digitNumbers('COVID-19 and 5G, PM2.5 {{num "sz-rd-2020"}}[^n12] <https://example.org/2022/13>').map((t) => t.raw),
    ).toEqual([]);
    expect(digitNumbers('the top-1% most cited, 1,510.81 and 4.80').map((t) => t.raw)).toEqual([
      '1',
      '1,510.81',
      '4.80',
    ]);
  });

  it('reads Chinese numerals', () => {
    expect([
      parseChineseNumeral('十八'),
      parseChineseNumeral('二十'),
      parseChineseNumeral('一百零五'),
      parseChineseNumeral('一九九九'),
      parseChineseNumeral('千万'),
      parseChineseNumeral('一亿五千万'),
    ]).toEqual([18, 20, 105, 1999, 1e7, 1.5e8]);
  });

  it('lists {{num}}, {{ref}}, note markers and links (not note definitions)', () => {
    expect(
      expressionsOf(
        '{{num "a" bare=true}} {{ref "fig:x"}}[^n2] [text](https://a.org/x) <https://b.org> https://c.org/y。',
      ).map((e) => e.what),
    ).toEqual(['{{num "a"}}', '{{ref "fig:x"}}', '[^n2]', 'https://a.org/x', 'https://b.org', 'https://c.org/y']);
  });

  it('lists the citation keys of a paragraph (the two editions cite the same sources in the same paragraph)', () => {
    expect(expressionsOf('如李兵@li2015所说[@li2015, 第10页; @chen2000]，见 a@b.org。').map((e) => e.what)).toEqual([
      '@li2015',
      '@li2015',
      '@chen2000',
    ]);
    expect(expressionsOf('As @li2015 says [@li2015, p. 10; @chen2000].').map((e) => e.what)).toEqual([
      '@li2015',
      '@li2015',
      '@chen2000',
    ]);
  });

  it('lists a {{ref}} of several ids as one {{ref}} per id, so a pair citing the same refs either way matches', () => {
    const zh = expressionsOf('（{{ref "fig:rd-gdp" "fig:hk-gerd"}}）').map((e) => e.what);
    expect(zh).toEqual(['{{ref "fig:rd-gdp"}}', '{{ref "fig:hk-gerd"}}']);
    expect(expressionsOf('({{ref "fig:rd-gdp"}} and {{ref "fig:hk-gerd"}})').map((e) => e.what)).toEqual(zh);
  });

  it('lists a note marker followed by a colon (a reference mid-line, not a definition)', () => {
    expect(expressionsOf('These rules apply[^caution]: first, …').map((e) => e.what)).toEqual(['[^caution]']);
    expect(expressionsOf('这些规则适用[^caution]：第一，……').map((e) => e.what)).toEqual(['[^caution]']);
    expect(expressionsOf('[^caution]: a definition label').map((e) => e.what)).toEqual([]);
  });
});
