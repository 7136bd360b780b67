/**
 * Pandoc's citation syntax, found in a run of text: `[@li2015]`, `[@li2015, p. 10]`, `[see @a; @b, chap. 2]`
 * (a bracketed citation, of one or more sources) and `@li2015` in running text (a citation in the text).
 * A key is ASCII: it starts with a letter, digit or `_` and may hold `:.#$%&-+?<>~/` inside (never at its end),
 * so that `李兵@li2015指出` finds the key `li2015`; an `@` after a letter or digit (an e-mail address) is none.
 */

export interface CiteItem {
  key: string;
  /** Offset of the key's `@` in the text run. */
  offset: number;
  prefix?: string;
  locator?: string;
  /** The CSL locator label (`page`, `chapter`, …). */
  label?: string;
  suffix?: string;
}

export interface Citation {
  /** Offsets of the whole citation in the text run: [start, end). */
  start: number;
  end: number;
  items: CiteItem[];
  /** `@key` in running text, not in brackets. */
  inText: boolean;
}

const KEY = String.raw`[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?`;
const bracketed = new RegExp(String.raw`\[([^\[\]]*?@${KEY}[^\[\]]*)\]`, 'gu');
const bare = new RegExp(String.raw`(?<![A-Za-z0-9_@.\[])@(${KEY})`, 'gu');
const keyIn = new RegExp(String.raw`^([^@]*?)(?<![A-Za-z0-9_])@(${KEY})(.*)$`, 'su');

/** Locator labels as authors write them, to CSL's names. */
const labels: [RegExp, string][] = [
  [/^(?:pp?\.|pages?)\s*/, 'page'],
  [/^(?:chaps?\.|chapters?)\s*/, 'chapter'],
  [/^(?:secs?\.|sections?|§§?)\s*/, 'section'],
  [/^(?:paras?\.|paragraphs?|¶¶?)\s*/, 'paragraph'],
  [/^(?:figs?\.|figures?)\s*/, 'figure'],
  [/^(?:vols?\.|volumes?)\s*/, 'volume'],
];

/** The citations in a run of text, in order. */
export function findCitations(text: string): Citation[] {
  const found: Citation[] = [];
  for (const m of text.matchAll(bracketed)) {
    const items = parseCluster(m[1]!, m.index + 1);
    if (items) found.push({ start: m.index, end: m.index + m[0].length, items, inText: false });
  }
  for (const m of text.matchAll(bare)) {
    if (found.some((c) => m.index >= c.start && m.index < c.end)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, items: [{ key: m[1]!, offset: m.index }], inText: true });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `see @a, p. 3; @b` → its items; undefined when a part holds no key (then it is not a citation). */
function parseCluster(inner: string, base: number): CiteItem[] | undefined {
  const items: CiteItem[] = [];
  let at = 0;
  for (const part of inner.split(';')) {
    const m = keyIn.exec(part);
    if (!m) return undefined;
    const item: CiteItem = { key: m[2]!, offset: base + at + m[1]!.length };
    const prefix = m[1]!.trim();
    if (prefix) item.prefix = prefix;
    Object.assign(item, locatorOf(m[3]!));
    items.push(item);
    at += part.length + 1;
  }
  return items;
}

/** `, p. 10`, `, 第10页`, `, 33-35 and passim` → a locator with its label, and what follows it as a suffix. */
function locatorOf(rest: string): Pick<CiteItem, 'locator' | 'label' | 'suffix'> {
  const text = rest.replace(/^\s*,?\s*/, '').trimEnd();
  if (!text) return {};
  const zh = /^第\s*([\dIVXLCivxlc–-]+)\s*页(.*)$/su.exec(text);
  if (zh) return withSuffix({ locator: zh[1]!, label: 'page' }, zh[2]!);
  for (const [re, label] of labels) {
    const m = re.exec(text);
    if (m) return splitLocator(text.slice(m[0].length), label);
  }
  if (/^[\dIVXLCivxlc]/.test(text)) return splitLocator(text, 'page');
  return { suffix: text };
}

function splitLocator(text: string, label: string): Pick<CiteItem, 'locator' | 'label' | 'suffix'> {
  const m = /^([\dIVXLCivxlc]+(?:\s*[–,-]\s*[\dIVXLCivxlc]+)*)(.*)$/su.exec(text);
  if (!m) return { suffix: text };
  return withSuffix({ locator: m[1]!.replace(/\s+/g, ''), label }, m[2]!);
}

function withSuffix(item: Pick<CiteItem, 'locator' | 'label'>, rest: string) {
  const suffix = rest.trim();
  return suffix ? { ...item, suffix } : item;
}
