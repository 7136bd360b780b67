import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkSmartypants from 'remark-smartypants';
import hyphenEnGb from 'hyphen/en-gb/index.js'; // the file: Node does not import a folder
import type { Lang } from '../context.js';

/**
 * How each language's text is set: typographic quotes and dashes, and hyphenation.
 *
 * Quotes: authors type straight quotes ("…", 'x', it's) and the build turns them into curly ones
 * (SmartyPants, via remark-smartypants: double outside, single inside, apostrophes), `--` into an en dash and
 * `---` into an em dash (docs/style-en.md: spaced en dashes, no em dashes). Chinese types its own
 * full-width quotes, so only English is converted.
 *
 * Hyphenation: Chromium on Linux ships no hyphenation dictionaries, so `hyphens: auto` does nothing in the
 * PDF. The build puts soft hyphens (U+00AD) into the words of body text instead, from the TeX en-gb patterns
 * (the `hyphen` package, Liang's algorithm), which the browser breaks at only when a line needs it.
 */
type SmartypantsOptions = NonNullable<Parameters<typeof remarkSmartypants>[0]>;

export interface Typography {
  quotes: SmartypantsOptions | false;
  hyphenation?: Hyphenation;
}

export interface Hyphenation {
  /** The word with every break point the patterns allow, marked by U+00AD. */
  patterns: (word: string) => string;
  /** Words shorter than this are never broken. */
  minWord: number;
  /** Letters that must stay before / after a break (TeX's \lefthyphenmin, \righthyphenmin). */
  left: number;
  right: number;
}

export const SOFT_HYPHEN = '\u00ad';

export const typography: Record<Lang, Typography> = {
  zh: { quotes: false },
  en: {
    quotes: { dashes: 'oldschool', backticks: false, ellipses: true, quotes: true },
    // en-gb's own minimums (2 and 3); words under six letters stay whole. (The library's own minimum, 5, is
    // below ours; passing options would build a new hyphenator on every call.)
    hyphenation: { patterns: (w) => hyphenEnGb.hyphenateSync(w), minWord: 6, left: 2, right: 3 },
  },
};

/** Curly quotes and dashes in an mdast tree, where the language wants them. Code and URLs shown as text are left alone. */
export function smartenTree(tree: Root, lang: Lang): void {
  const options = typography[lang].quotes;
  if (!options) return;
  // remark-smartypants skips code; a link whose text is its own address (<https://…>) is shown to it as
  // code for the moment, so that the address keeps its characters and still counts as a word for the quotes around it.
  const hidden: { type: string }[] = [];
  const hide = (node: { type: string; url?: string; children?: unknown[] }): void => {
    if (node.type === 'link' && node.children?.length === 1) {
      const only = node.children[0] as { type: string; value?: string };
      if (only.type === 'text' && (only.value === node.url || `mailto:${only.value}` === node.url)) {
        only.type = 'inlineCode';
        hidden.push(only);
      }
    }
    for (const child of (node.children ?? []) as { type: string }[]) hide(child);
  };
  hide(tree);
  unified().use(remarkSmartypants, options).runSync(tree);
  for (const node of hidden) node.type = 'text';
}

/** Curly quotes and dashes in a line of plain text (a caption, a source line, a table cell). */
export function smartenText(text: string, lang: Lang): string {
  if (!typography[lang].quotes || !/["']|--|\.\.\./.test(text)) return text;
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  smartenTree(tree, lang);
  const p = tree.children[0] as { children: { value: string }[] };
  return p.children[0]!.value;
}

/** Every string in a plain object (an edition's strings and metadata), smartened. */
export function smartenStrings<T>(value: T, lang: Lang): T {
  if (!typography[lang].quotes) return value;
  if (typeof value === 'string') return smartenText(value, lang) as T;
  if (Array.isArray(value)) return value.map((v) => smartenStrings(v, lang)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, smartenStrings(v, lang)])) as T;
  return value;
}

/**
 * Soft hyphens in running text, where the language has patterns. A word stays whole when it is short, has a
 * capital letter (names, places, abbreviations: "Shenzhen", "HKUST"; sentence-initial words too, a small price),
 * or belongs to a number or an address: a token with digits, "/", "@", "_", "=", or the word right after a
 * number ("151.08 billion", "5 percentage points").
 */
export function hyphenateText(text: string, lang: Lang): string {
  const h = typography[lang].hyphenation;
  if (!h) return text;
  let previousToken = '';
  return text.replace(/\S+|\s+/g, (token) => {
    if (/^\s/.test(token)) return token;
    const afterNumber = /\d[\d.,%]*$/.test(previousToken);
    previousToken = token;
    if (/[\d/@_=]|:\/\//.test(token)) return token;
    let first = true;
    return token.replace(/\p{L}+/gu, (word) => {
      const keep = word.length < h.minWord || /\p{Lu}/u.test(word) || (first && afterNumber);
      first = false;
      return keep ? word : breakPoints(word, h);
    });
  });
}

function breakPoints(word: string, h: Hyphenation): string {
  const parts = h.patterns(word.toLowerCase()).split(SOFT_HYPHEN);
  let out = '';
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const piece = word.slice(at, at + part.length);
    at += part.length;
    if (i > 0 && at - part.length >= h.left && word.length - (at - part.length) >= h.right) out += SOFT_HYPHEN;
    out += piece;
  }
  return out;
}
