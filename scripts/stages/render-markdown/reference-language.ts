import type { Lang } from '../../context.js';
import type { CslItem } from '../../model/references.js';

/** A name of CSL-JSON, with the romanisation the report may give a Chinese name (`"pinyin": "Li Bing"`). */
interface Name {
  family?: string;
  given?: string;
  literal?: string;
  pinyin?: string;
}

/**
 * A reference as an edition prints it. The English edition gives a Chinese title with its English translation
 * in brackets (`"translated-title"`, handed to the style as CSL's `reviewed-title`, which chicago-notes.csl
 * prints after the title: CMOS 17th ed. 11.6, 14.98), and a Chinese name in pinyin with its characters
 * (`"pinyin"`: `Li Bing 李兵`). The Chinese edition prints the reference as written.
 */
export function referenceFor(item: CslItem, lang: Lang): CslItem {
  const { 'translated-title': translated, ...rest } = item as CslItem & { 'translated-title'?: string };
  const en = lang === 'en';
  const out: CslItem = { ...rest, ...(en && translated && { 'reviewed-title': translated }) };
  for (const role of ['author', 'editor'] as const) if (Array.isArray(rest[role])) out[role] = names(rest[role], en);
  return out;
}

function names(list: Name[], pinyin: boolean): Name[] {
  return list.map(({ pinyin: romanised, ...name }) => {
    if (!pinyin || !romanised) return name;
    const characters = name.literal ?? `${name.family ?? ''}${name.given ?? ''}`;
    return { literal: `${romanised} ${characters}` };
  });
}
