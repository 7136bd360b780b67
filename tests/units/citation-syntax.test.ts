import { describe, expect, it } from 'vitest';
import { findCitations } from '../../scripts/units/citation-syntax.js';

describe("Pandoc's citation syntax", () => {
  it('finds bracketed citations with locators, prefixes and suffixes, and clusters of several sources', () => {
    expect(findCitations('x [@li2015, p. 10] y')).toEqual([
      { start: 2, end: 18, inText: false, items: [{ key: 'li2015', offset: 3, locator: '10', label: 'page' }] },
    ]);
    expect(findCitations('[see @a, pp. 33-35 and passim; @b, chap. 2]')[0]!.items).toEqual([
      { key: 'a', offset: 5, prefix: 'see', locator: '33-35', label: 'page', suffix: 'and passim' },
      { key: 'b', offset: 31, locator: '2', label: 'chapter' },
    ]);
    expect(findCitations('[@li2015, 第10页]')[0]!.items).toEqual([
      { key: 'li2015', offset: 1, locator: '10', label: 'page' },
    ]);
  });

  it('finds @key in running text, after a Chinese character too, and not in an e-mail address or plain brackets', () => {
    expect(findCitations('李兵@li2015指出').map((c) => [c.items[0]!.key, c.inText])).toEqual([['li2015', true]]);
    expect(findCitations('As @smith2016 argues.').map((c) => [c.items[0]!.key, c.start, c.end])).toEqual([
      ['smith2016', 3, 13],
    ]);
    expect(findCitations('write to a@b.org [not a citation]')).toEqual([]);
  });
});
