import type { Lang } from '../context.js';
import { formatValue, roundRaw, type Scale, type Unit } from './units.js';

/*
 * A table column prints all its numbers at one scale and one precision: not "RMB 13.9 billion" beside
 * "RMB 13.27 billion", nor "RMB 960 million" beside "RMB 1.02 billion". The scale is the one its largest value
 * takes (billions when any value reaches a billion) unless the table sets it; the precision is the most
 * decimals any of its values shows at that scale, given to all (13.90, 13.27; 0.96, 1.02).
 */

/** How a column prints the numbers of one unit. */
export interface ColumnFormat {
  scale?: Scale;
  places: number;
}

/** A number cell of the column: as written, in its unit (undefined: the number alone). */
export interface NumberCell {
  raw: string;
  unit: Unit | undefined;
}

/** The decimals of the first number in a formatted value ("RMB 13.27 billion" → 2, "12,000" → 0). */
function placesShown(text: string): number {
  const m = /\d[\d,]*(?:\.(\d+))?/.exec(text);
  return m?.[1]?.length ?? 0;
}

/** The column's format per unit its cells are in (the cells of a `value` column may differ in unit). */
export function columnFormats(
  cells: NumberCell[],
  lang: Lang,
  opts: { decimals?: number; scale?: Scale } = {},
): Map<Unit | undefined, ColumnFormat> {
  const byUnit = new Map<Unit | undefined, string[]>();
  for (const c of cells) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), c.raw]);
  const formats = new Map<Unit | undefined, ColumnFormat>();
  for (const [unit, raws] of byUnit) {
    const rounded = opts.decimals === undefined ? raws : raws.map((r) => roundRaw(r, opts.decimals!));
    if (!unit) {
      formats.set(unit, { places: Math.max(...rounded.map(placesShown)) });
      continue;
    }
    const shown = (scale?: Scale) => rounded.map((r) => formatValue(r, unit, lang, { scale }));
    const scale = opts.scale ?? (shown().some((t) => t.endsWith(' billion')) ? 'billion' : undefined);
    formats.set(unit, { scale, places: Math.max(...shown(scale).map(placesShown)) });
  }
  return formats;
}
