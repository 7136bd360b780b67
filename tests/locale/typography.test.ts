import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import type { Root } from 'mdast';
import {
  hyphenateText,
  smartenStrings,
  smartenText,
  smartenTree,
  SOFT_HYPHEN,
} from '../../scripts/locale/typography.js';

const shown = (s: string) => s.replaceAll(SOFT_HYPHEN, '·');

/** Markdown → smartened → HTML, as render-markdown does it. */
function html(md: string, lang: 'en' | 'zh' = 'en'): string {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
  smartenTree(tree, lang);
  const hast = unified().use(remarkRehype).runSync(tree);
  return unified().use(rehypeStringify).stringify(hast);
}

describe('quotes and dashes', () => {
  it('curls double quotes outside and single quotes inside, and apostrophes', () => {
    expect(smartenText(`He said "the 'lost' years" of Hong Kong's industry.`, 'en')).toBe(
      'He said “the ‘lost’ years” of Hong Kong’s industry.',
    );
    expect(smartenText(`"'Hard-core' technologies"`, 'en')).toBe('“‘Hard-core’ technologies”');
    expect(smartenText(`in the '90s`, 'en')).toBe('in the ’90s');
  });

  it('closes a quote that ends at a link or emphasis, and opens one before Chinese', () => {
    expect(html(`A "*new* [era](https://example.org)" and "中文标题" [title]`)).toBe(
      '<p>A “<em>new</em> <a href="https://example.org">era</a>” and “中文标题” [title]</p>',
    );
  });

  it('turns -- into an en dash and --- into an em dash, ... into an ellipsis', () => {
    expect(smartenText('2016--2020 --- and so on...', 'en')).toBe('2016–2020 — and so on…');
  });

  it('sets dashes and ellipses in every text of a block: after emphasis and links, in headings and table cells', () => {
    expect(html('*Growth* -- fast. A [link](https://example.org) . . . and **bold**--- then')).toBe(
      '<p><em>Growth</em> – fast. A <a href="https://example.org">link</a> … and <strong>bold</strong>— then</p>',
    );
    expect(html('## "A" -- B...\n\n| "x" -- y | z |\n| --- | --- |\n| 1...2 | w -- "v" |')).toBe(
      '<h2>“A” – B…</h2>\n<table>\n<thead>\n<tr>\n<th>“x” – y</th>\n<th>z</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1…2</td>\n<td>w – “v”</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it('leaves code, addresses shown as text, and attributes alone', () => {
    const out = html(
      'Say `"x" -- y` at <https://example.org/a--b\'c> or [it\'s](https://example.org/"q"--r "a \'t\'") ![it\'s "a"](x.png)',
    );
    expect(out).toContain('<code>"x" -- y</code>');
    expect(out).toContain(">https://example.org/a--b'c</a>");
    expect(out).toContain('href="https://example.org/%22q%22--r" title="a &#x27;t&#x27;">it’s</a>');
    expect(out).toContain('alt="it&#x27;s &#x22;a&#x22;"');
  });

  it('leaves Chinese as typed', () => {
    expect(smartenText('"前研后产" -- 2004', 'zh')).toBe('"前研后产" -- 2004');
    expect(html('他说"好"', 'zh')).toBe('<p>他说"好"</p>');
  });

  it('smartens every string of an edition’s strings and metadata', () => {
    expect(smartenStrings({ a: "figure's", b: ['"x"'], n: 3 }, 'en')).toEqual({ a: 'figure’s', b: ['“x”'], n: 3 });
  });
});

describe('hyphenation', () => {
  it('puts soft hyphens into long lower-case words, from the en-gb patterns', () => {
    expect(shown(hyphenateText('the commercialisation of infrastructure', 'en'))).toBe(
      'the com·mer·cial·isa·tion of in·fra·struc·ture',
    );
  });

  it('keeps two letters before a break and three after (TeX en-gb), and short words whole', () => {
    for (const word of hyphenateText('cooperation establishment development enterprises capabilities', 'en').split(
      ' ',
    )) {
      const parts = word.split(SOFT_HYPHEN);
      expect(parts.length, word).toBeGreaterThan(1);
      expect(parts[0]!.length, word).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)!.length, word).toBeGreaterThanOrEqual(3);
    }
    expect(hyphenateText('paper water about', 'en')).toBe('paper water about');
  });

  it('leaves names, abbreviations, numbers with their unit words, and addresses whole', () => {
    const text =
      'Shenzhen HKUST Guangdong RMB 151.08 billion and 345,780 person-years, see https://example.org/development or mail@institution.org';
    expect(hyphenateText(text, 'en')).toBe(text);
  });

  it('leaves Chinese alone', () => {
    expect(hyphenateText('深港科创合作 cooperation', 'zh')).toBe('深港科创合作 cooperation');
  });
});
