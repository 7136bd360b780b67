import type { Lang } from '../context.js';

/*
 * How each edition writes a number, the one style its prose ({{num}}), tables and charts (axes, value labels,
 * tooltips) share (docs/style-en.md, docs/style-zh.md):
 *
 * - en: thousands grouped by commas from four digits (1,510.81; 28,486.3), a point for decimals.
 * - zh: no grouping (1510.81; 28486.3; 345780), a point for decimals: as the original Chinese report writes
 *   its numbers throughout. GB/T 15835-2011 (出版物上数字用法) makes grouping optional ("可采用" 千分撇 or
 *   千分空) and asks that one work use one style (局部体例一致): ungrouped, as the source text is.
 *
 * Both write a minus as the hyphen-minus the data holds ("-3.2"), in prose and charts alike.
 */
export interface NumberStyle {
  /** Between groups of three digits ('' for none). */
  thousands: string;
  decimal: string;
  minus: string;
}

export const numberStyles: Record<Lang, NumberStyle> = {
  en: { thousands: ',', decimal: '.', minus: '-' },
  zh: { thousands: '', decimal: '.', minus: '-' },
};

/** Whether the edition groups thousands. */
export function groupsThousands(lang: Lang): boolean {
  return numberStyles[lang].thousands !== '';
}

/**
 * The edition's number style as a Vega number locale (d3-format's definition): what a chart's axes, labels
 * and formats (`",.0f"` too) print with, set in every chart's config.
 */
export function vegaNumberLocale(lang: Lang): Record<string, unknown> {
  const s = numberStyles[lang];
  return { decimal: s.decimal, thousands: s.thousands, grouping: [3], currency: ['', ''], minus: s.minus };
}
