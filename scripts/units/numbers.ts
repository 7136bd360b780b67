/**
 * Numbers in prose, for comparing a unit with its translation. A number written in digits on one side must
 * have a counterpart on the other, written in digits, in words (nine, ninth, September, twenty-two), as a
 * Chinese numeral (九, 十八, 两, 千万) or in another customary form (1990s ↔ 20 世纪 90 年代, 10 million ↔ 千万).
 * Numbers written only in words or numerals on both sides are not compared: they are too often part of
 * an idiom (一站式, 两地, one of) to be checked without false alarms.
 */
import { findCitations } from './citation-syntax.js';

export interface NumberToken {
  /** As written. */
  raw: string;
  /** Index in the text. */
  index: number;
  /** The value and the other values it may be written as on the other side (normalised: 4.80 → 4.8). */
  values: string[];
}

/** Expressions, note markers and URLs, which hold digits that are not numbers of the prose. */
const notProse = /\{\{[^}]*\}\}|\[\^[^\]]+\]|\]\([^)]*\)|<[a-z]+:[^>]*>|https?:\/\/[^\s)>，。；]+/gi;

const norm = (n: number) => String(Number(n.toPrecision(12)));

/** The text with everything that is not prose blanked out (same length, so indices hold). */
export function proseOnly(text: string): string {
  return text.replace(notProse, (m) => ' '.repeat(m.length));
}

const enScale: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const zhScale: Record<string, number> = { 千: 1e3, 万: 1e4, 亿: 1e8 };

/** Numbers written in digits: 1,510.81, 4.8, 2016–2020, 20th, 1990s (skips names such as COVID-19, 5G, PM2.5). */
export function digitNumbers(text: string): NumberToken[] {
  const prose = proseOnly(text);
  const out: NumberToken[] = [];
  const re = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
  for (const m of prose.matchAll(re)) {
    const before = prose.slice(Math.max(0, m.index - 3), m.index);
    if (/[A-Za-z]$|[A-Z]{2,}-$/.test(before)) continue;
    const after = prose.slice(m.index + m[0].length);
    const suffix = /^[A-Za-z]+/.exec(after)?.[0];
    const v = Number(m[0].replace(/,/g, ''));
    const values = [norm(v)];
    if (suffix && !/^(st|nd|rd|th|s)$/.test(suffix)) continue;
    if (suffix === 's' && v >= 1000) values.push(norm(v % 100), norm(Math.floor(v / 100) + 1)); // 1990s: 90 年代, 20 世纪
    // Either language may quote the other (an English note keeps its Chinese title).
    const scale = /^\s*(thousand|million|billion|trillion)\b/i.exec(after)?.[1]?.toLowerCase();
    if (scale) values.push(norm(v * enScale[scale]!));
    const unit = /^\s*([千万亿])/.exec(after)?.[1];
    if (unit) values.push(norm(v * zhScale[unit]!));
    if (/^\s*年代/.test(after) && v < 100) values.push(norm(1900 + v), norm(2000 + v));
    out.push({ raw: m[0], index: m.index, values });
  }
  return out;
}

const small = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ordinals = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function wordValue(w: string): number | undefined {
  let i = small.indexOf(w);
  if (i >= 0) return i;
  if ((i = ordinals.indexOf(w)) >= 0) return i;
  if ((i = tens.indexOf(w)) >= 2) return i * 10;
  if ((i = tens.findIndex((t) => t && w === t.replace(/y$/, 'ieth'))) >= 2) return i * 10;
  if ((i = months.indexOf(w)) >= 0) return i + 1;
  if (w === 'hundred' || w === 'hundredth') return 100;
  if (w === 'twice' || w === 'double' || w === 'both') return 2;
  if (w === 'dozen') return 12;
  return undefined;
}

/** Values English writes in words: nine, ninth, twenty-two, September (9). */
export function englishWordValues(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z]+(?:-[a-z]+)?/g)) {
    const parts = m[0].split('-');
    const vals = parts.map(wordValue);
    if (parts.length === 2 && vals[0] !== undefined && vals[0] >= 20 && vals[1] !== undefined && vals[1] < 10)
      out.push(norm(vals[0] + vals[1]));
    for (const v of vals) if (v !== undefined) out.push(norm(v));
  }
  return out;
}

const zhDigits: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const zhUnits: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

function parseSmall(s: string): number {
  if (![...s].some((ch) => ch in zhUnits)) return Number([...s].map((ch) => zhDigits[ch] ?? 0).join('') || '0'); // 一九九九
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in zhDigits) digit = zhDigits[ch]!;
    else {
      total += (digit || 1) * zhUnits[ch]!;
      digit = 0;
    }
  }
  return total + digit;
}

/** 十八 → 18, 二十 → 20, 一亿五千万 → 150000000, 千万 → 10000000. */
export function parseChineseNumeral(s: string): number {
  for (const [unit, scale] of [
    ['亿', 1e8],
    ['万', 1e4],
  ] as const) {
    const i = s.lastIndexOf(unit);
    if (i >= 0)
      return (
        (i ? parseChineseNumeral(s.slice(0, i)) : 1) * scale +
        (i + 1 < s.length ? parseChineseNumeral(s.slice(i + 1)) : 0)
      );
  }
  return parseSmall(s);
}

/** Values Chinese writes as numerals: 十八条 (18), 两地 (2), 近十年 (10), 千万元 (10000000), 每万人 (10000). */
export function chineseNumeralValues(text: string): string[] {
  return [...text.matchAll(/[〇零一二两三四五六七八九十百千万亿]+/g)].map((m) => norm(parseChineseNumeral(m[0])));
}

/** Every value a text holds, however written: what a number on the other side may be matched with. */
export function allValues(text: string): Set<string> {
  const prose = proseOnly(text);
  const out = new Set(digitNumbers(text).flatMap((t) => t.values));
  for (const v of [...chineseNumeralValues(prose), ...englishWordValues(prose)]) out.add(v);
  return out;
}

/** Numbers written in digits in `text` that `other` has in no form. */
export function unmatchedNumbers(text: string, other: string): NumberToken[] {
  const have = allValues(other);
  const seen = new Set<string>();
  return digitNumbers(text).filter((t) => {
    if (t.values.some((v) => have.has(v)) || seen.has(t.values[0]!)) return false;
    seen.add(t.values[0]!);
    return true;
  });
}

/** `{{num}}`/`{{ref}}` helpers, note markers (not a definition's label), link targets, autolinks and bare URLs. */
const expressions = new RegExp(
  [
    /\{\{\s*(num|ref)\s+"([^"]+)"[^}]*\}\}/.source,
    /(?!^\[\^[^\]]+\]:)\[\^([^\]]+)\]/.source,
    /\]\(([^)\s]+)[^)]*\)/.source,
    /<((?:https?|mailto):[^>]+)>/.source,
    /(?<![(<])(https?:\/\/[^\s)>，。；]+)/.source,
  ].join('|'),
  'g',
);

/**
 * {{num}} and {{ref}} expressions (a {{ref}} of several ids as one {{ref}} per id), note markers and link
 * targets, as they are compared across a pair. A note marker followed by a colon is a marker too
 * (`apply[^caution]: …`): a unit's text never holds a note's definition label (a note's unit is its text
 * without it), and one at the very start is left out all the same.
 */
export function expressionsOf(text: string): { what: string; index: number }[] {
  const out: { what: string; index: number }[] = [];
  for (const m of text.matchAll(expressions)) {
    // {{ref "fig:a" "fig:b"}} refers to each: as {{ref "fig:a"}} {{ref "fig:b"}} would, so either way pairs.
    const ids = m[1] === 'ref' ? [...m[0].matchAll(/"([^"]+)"/g)].map((q) => q[1]!) : [m[2]];
    for (const id of ids) {
      const what = m[1] ? `{{${m[1]} "${id}"}}` : m[3] ? `[^${m[3]}]` : (m[4] ?? m[5] ?? m[6])!;
      out.push({ what, index: m.index });
    }
  }
  for (const c of findCitations(text))
    for (const item of c.items) out.push({ what: `@${item.key}`, index: item.offset });
  return out.sort((a, b) => a.index - b.index);
}
