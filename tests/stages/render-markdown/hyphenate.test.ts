import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { hyphenateBody } from '../../../scripts/stages/render-markdown/hyphenate.js';
import { toString as textOf } from 'mdast-util-to-string';

function hyphenated(md: string, lang: 'en' | 'zh' = 'en'): Root {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
  hyphenateBody(tree, lang);
  return tree;
}

describe('soft hyphens in a chapter', () => {
  const tree = hyphenated(
    [
      '## International cooperation {#x}',
      '',
      'The *international* cooperation, see [development](https://example.org/development) or `development`.',
      '',
      '- a list of organisations',
      '',
      '> quoted infrastructure',
      '',
      '| table |',
      '| --- |',
      '| development |',
    ].join('\n'),
  );
  const [heading, para, list, quote, table] = tree.children;

  it('go into body text: paragraphs, emphasis, lists and quotations', () => {
    expect(textOf(para!)).toContain('The in\u00adter\u00adna\u00adtional co\u00adoper\u00ada\u00adtion, see');
    expect(textOf(list!)).toContain('or\u00adgan\u00adisa\u00adtions');
    expect(textOf(quote!)).toContain('in\u00adfra\u00adstruc\u00adture');
  });

  it('stay out of headings, links, code and tables', () => {
    expect(textOf(heading!)).not.toContain('\u00ad');
    const inline = (para as { children: { type: string }[] }).children;
    expect(textOf(inline.find((n) => n.type === 'link') as never)).toBe('development');
    expect(textOf(inline.find((n) => n.type === 'inlineCode') as never)).toBe('development');
    expect(textOf(table!)).not.toContain('\u00ad');
  });

  it('stay out of Chinese', () => {
    expect(textOf(hyphenated('international cooperation', 'zh'))).toBe('international cooperation');
  });
});
