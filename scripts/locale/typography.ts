import type { Root } from 'mdast';
import type { Node } from 'unist';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';
import hyphenEnGb from 'hyphen/en-gb/index.js'; // the file: Node does not import a folder
import type { Lang } from '../context.js';

/**
 * How each language's text is set: typographic quotes and dashes, and hyphenation.
 *
 * Quotes: authors type straight quotes ("…", 'x', it's) and the build turns them into curly ones
 * (SmartyPants, by retext-smartypants: double outside, single inside, apostrophes), `--` into an en dash and
 * `---` into an em dash (docs/style-en.md: spaced en dashes, no em dashes). Chinese types its own
 * full-width quotes, so only English is converted.
 *
 * Hyphenation: Chromium on Linux ships no hyphenation dictionaries, so `hyphens: auto` does nothing in the
 * PDF. The build puts soft hyphens (U+00AD) into the words of body text instead, from the TeX en-gb patterns
 * (the `hyphen` package, Liang's algorithm), which the browser breaks at only when a line needs it.
 */
type SmartypantsOptions = NonNullable<Parameters<typeof retextSmartypants>[0]>;

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

/** The nodes whose text is smartened, and those that start a text afresh (a quote at their start opens). */
const LITERALS = ['text', 'inlineCode'];
const BLOCKS = ['paragraph', 'heading', 'tableCell'];

/** What dashes or ellipses need ("--", an en dash typed before a hyphen, three dots spaced or not): text without it is left alone. */
const DASHES_OR_DOTS = /--|\u2013-|\.\s*\.\s*\./;

/**
 * Per language that curls quotes, one SmartyPants for the quotes and one for the rest (dashes and ellipses
 * change the length); stateless.
 */
type Smartener = { processSync(text: string): { toString(): string } };
const smarteners = Object.fromEntries(
  Object.entries(typography).flatMap(([lang, { quotes }]) =>
    quotes
      ? [
          [
            lang,
            {
              quotes: retext().use(retextSmartypants, { ...quotes, ellipses: false, dashes: false, backticks: false }),
              rest: retext().use(retextSmartypants, { ...quotes, quotes: false }),
            },
          ],
        ]
      : [],
  ),
) as Partial<Record<Lang, { quotes: Smartener; rest: Smartener }>>;

/**
 * Curly quotes and dashes in an mdast tree, where the language wants them. Code and URLs shown as text are left
 * alone. What remark-smartypants does, the same text for the same tree, but with each text node's second pass
 * (dashes, ellipses) run only where one could be: that pass parsed every text node again, about a third of the
 * English edition's Markdown stage. The quotes are set over the tree's whole text at once (so that a quote
 * pairs across emphasis and links), with code as letters and a space before each block.
 */
export function smartenTree(tree: Root, lang: Lang): void {
  const smart = smarteners[lang];
  if (!smart) return;
  // A link whose text is its own address (<https://…>) counts as code for the moment: the address keeps its
  // characters, and still counts as a word for the quotes around it.
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
  const nodes: (Node & { value?: unknown })[] = [];
  const blocks: number[] = [];
  let all = '';
  visit(tree as Node, (node: Node & { value?: unknown }, _index, parent) => {
    if (!parent) return;
    if (LITERALS.includes(node.type) && typeof node.value === 'string')
      all += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
    else if (BLOCKS.includes(node.type)) {
      blocks.push(all.length);
      all += ' ';
    } else return;
    nodes.push(node);
  });
  // (quotes keep the length: each node's text is where it was)
  const quoted = curlQuotes(all, blocks, smart.quotes);
  let at = 0;
  for (const node of nodes) {
    if (typeof node.value !== 'string') {
      at += 1;
      continue;
    }
    const end = at + node.value.length;
    if (node.type === 'text') {
      const text = quoted.slice(at, end);
      node.value = DASHES_OR_DOTS.test(text) ? String(smart.rest.processSync(text)) : text;
    }
    at = end;
  }
  for (const node of hidden) node.type = 'text';
}

/** Blocks are set in runs of about this many characters (parse-latin's time grows with the square of a run). */
const RUN = 4000;

/**
 * The quotes of the whole text set, a run of whole blocks at a time: each block starts with its space, so a
 * quote sees the same neighbours as in the whole text, and a 5 MB chapter takes as long as its runs, not the
 * square of its length (parse-latin splices each sentence out of one list of every sentence of the text).
 */
function curlQuotes(all: string, blocks: number[], quotes: Smartener): string {
  if (!/["']/.test(all)) return all;
  let out = '';
  let from = 0;
  for (const at of [...blocks, all.length]) {
    if (at - from < RUN && at < all.length) continue;
    const run = all.slice(from, at);
    out += /["']/.test(run) ? String(quotes.processSync(run)) : run;
    from = at;
  }
  return out;
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
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, smartenStrings(v, lang)])) as T;
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
