import type { Lang } from '../context.js';
import { groupsThousands } from './number-style.js';

/**
 * Locale-aware number formatting in the report's own style.
 * Values keep the precision they were written with in data/ (the raw string),
 * so "2.4" stays "2.4" and "0.99" stays "0.99".
 */
export const units = [
  'number',
  'percent',
  'pp',
  'times',
  'increase-times',
  '10k',
  'cny-100m',
  'hkd-100m',
  'hkd-million',
  'usd-100m',
  'person-years',
  'sqm-10k',
] as const;
export type Unit = (typeof units)[number];

export function isUnit(u: string): u is Unit {
  return (units as readonly string[]).includes(u);
}

function decimalsOf(raw: string): number {
  const m = /\.(\d+)$/.exec(raw.trim());
  return m ? m[1]!.length : 0;
}

/** Format `value` with `decimals` places, thousands grouped or not as the edition writes numbers (number-style.ts). */
function plain(value: number, decimals: number, lang: Lang): string {
  return numberFormat(decimals, groupsThousands(lang)).format(value);
}

/**
 * The en-GB number formats for 0–10 decimal places, with grouping, without, and as the locale groups: made
 * once, as a table. `toLocaleString` builds a new formatter on every call, which made formatting a large
 * dataset's values a third of a second of a build. More places than the table holds get a formatter each time.
 */
const groupings = [true, false, undefined] as const;
const formatTable = groupings.map((grouping) =>
  Array.from({ length: 11 }, (_, decimals) => new Intl.NumberFormat('en-GB', formatOptions(decimals, grouping))),
);

function formatOptions(decimals: number, grouping: boolean | undefined): Intl.NumberFormatOptions {
  return {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    ...(grouping === undefined ? {} : { useGrouping: grouping }),
  };
}

function numberFormat(decimals: number, grouping?: boolean): Intl.NumberFormat {
  return (
    formatTable[groupings.indexOf(grouping)]![decimals] ??
    new Intl.NumberFormat('en-GB', formatOptions(decimals, grouping))
  );
}

/**
 * Scale by 10^shift (shift may be negative) keeping exact decimals, capped, trailing zeros dropped; or with
 * exactly `places` decimals (a table column's one precision). Thousands grouped as the edition writes them.
 */
function scaled(raw: string, shift: number, lang: Lang, places: number | undefined, cap = 2): string {
  const value = Number(raw) * 10 ** shift;
  if (places !== undefined) return numberFormat(places, groupsThousands(lang)).format(value);
  const exact = Math.max(0, decimalsOf(raw) - shift);
  const shown = Math.min(exact, cap);
  return trimZeros(numberFormat(shown, groupsThousands(lang)).format(value));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Money in units of 10^exp of a currency, in English: billions at or above 1e9, else millions (or as `scale` says). */
function money(raw: string, exp: number, prefix: string, opts: FormatOptions): string {
  const billions = opts.scale ? opts.scale === 'billion' : Math.abs(Number(raw) * 10 ** exp) >= 1e9;
  if (billions) return `${prefix}${scaled(raw, exp - 9, 'en', opts.places)} billion`;
  return `${prefix}${scaled(raw, exp - 6, 'en', opts.places)} million`;
}

/** What an amount of money is counted in, in English: millions or billions. */
export const scales = ['million', 'billion'] as const;
export type Scale = (typeof scales)[number];

export interface FormatOptions {
  /** sqm-10k in zh: 万㎡ instead of 万平方米 (tables). */
  short?: boolean;
  /** Round the stored number to this many decimals (half away from zero) before the unit applies. */
  decimals?: number;
  /**
   * Running text, not a table or chart: English spells out the whole numbers one to nine of unit `number`
   * ("five universities"). A value written with decimals ("5.0") keeps its figures.
   */
  words?: boolean;
  /** Money in English in this scale, whatever its size (a table column's one scale). */
  scale?: Scale;
  /** Exactly this many decimals shown, none dropped (a table column's one precision). */
  places?: number;
}

/** `raw` rounded half away from zero to `decimals` places, written with exactly that many. */
export function roundRaw(raw: string, decimals: number): string {
  const n = Number(raw);
  const abs = String(Math.abs(n));
  if (abs.includes('e')) return n.toFixed(decimals);
  const r = Number(`${Math.round(Number(`${abs}e${decimals}`))}e-${decimals}`);
  return (n < 0 && r !== 0 ? -r : r).toFixed(decimals);
}

/** The number alone, with the decimals it was written with (or `places`), grouped as the edition writes numbers. */
export function formatBare(raw: string, lang: Lang, opts: FormatOptions = {}): string {
  if (opts.decimals !== undefined) raw = roundRaw(raw, opts.decimals);
  return plain(Number(raw), opts.places ?? decimalsOf(raw), lang);
}

/** English words for the whole numbers running text spells out (style-en.md: "spell out one to nine"). */
const enSmallNumbers = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export function formatValue(raw: string, unit: Unit, lang: Lang, opts: FormatOptions = {}): string {
  if (opts.decimals !== undefined) raw = roundRaw(raw, opts.decimals);
  const n = opts.places === undefined ? formatBare(raw, lang) : plain(Number(raw), opts.places, lang);
  const { places } = opts;
  const zh = lang === 'zh';
  switch (unit) {
    case 'number':
      if (opts.words && !zh && /^[1-9]$/.test(raw.trim())) return enSmallNumbers[Number(raw) - 1]!;
      return n;
    case 'percent':
      return `${n}%`;
    case 'pp':
      return zh ? `${n} 个百分点` : `${n} percentage points`;
    case 'times':
      return zh ? `${n} 倍` : `${n} times`;
    case 'increase-times':
      // 增长 1 倍 = grew by 100%
      return zh ? `${n} 倍` : `${scaled(raw, 2, lang, places, 0)}%`;
    case '10k':
      return zh ? `${n} 万` : scaled(raw, 4, lang, places, 0);
    case 'cny-100m':
      return zh ? `${n} 亿元` : money(raw, 8, 'RMB ', opts);
    case 'hkd-100m':
      return zh ? `${n} 亿港元` : money(raw, 8, 'HK$', opts);
    case 'hkd-million':
      return zh ? `${scaled(raw, -2, lang, places)} 亿港元` : money(raw, 6, 'HK$', opts);
    case 'usd-100m':
      return zh ? `${n} 亿美元` : money(raw, 8, 'US$', opts);
    case 'person-years':
      return zh ? `${n} 人年` : `${n} person-years`;
    case 'sqm-10k':
      if (zh) return opts.short ? `${n} 万㎡` : `${n} 万平方米`;
      return `${scaled(raw, 4, lang, places, 0)} m²`;
  }
}

const enMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** ISO date → `2023 年 1 月 10 日` / `10 January 2023`. */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return lang === 'zh' ? `${y} 年 ${m} 月 ${d} 日` : `${d} ${enMonths[m - 1]} ${y}`;
}
