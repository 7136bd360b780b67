import type { Lang } from '../../context.js';
import type { CslItem } from '../../model/references.js';

/**
 * A name of CSL-JSON, with what the report may give the English edition: a Chinese person's name in pinyin
 * (`"pinyin": "Li Bing"`), an organisation's name in English (`"english": "Shenzhen Municipal Bureau of
 * Statistics"`).
 */
interface Name {
  family?: string;
  given?: string;
  literal?: string;
  pinyin?: string;
  english?: string;
}

/**
 * A reference as an edition prints it. The English edition gives a Chinese title with its English translation
 * in brackets (`"translated-title"`, handed to the style as CSL's `reviewed-title`, which chicago-notes.csl
 * prints after the title: CMOS 17th ed. 11.6, 14.98), a journal's, newspaper's or site's name in English with
 * the original in parentheses (`"translated-container-title"`: `Special Zone Economy (特区经济)`), a Chinese
 * person's name in pinyin with its characters (`"pinyin"`: `Li Bing 李兵`) and an organisation's in English
 * with the original in parentheses (`"english"`). The Chinese edition prints the reference as written.
 */
export function referenceFor(item: CslItem, lang: Lang): CslItem {
  const {
    'translated-title': translated,
    'translated-container-title': container,
    ...rest
  } = item as CslItem & { 'translated-title'?: string; 'translated-container-title'?: string };
  const en = lang === 'en';
  const out: CslItem = { ...rest, ...(en && translated && { 'reviewed-title': translated }) };
  if (en && container && typeof rest['container-title'] === 'string')
    out['container-title'] = `${container} (${rest['container-title']})`;
  for (const role of ['author', 'editor'] as const) if (Array.isArray(rest[role])) out[role] = names(rest[role], en);
  return out;
}

function names(list: Name[], en: boolean): Name[] {
  return list.map(({ pinyin, english, ...name }) => {
    const characters = name.literal ?? `${name.family ?? ''}${name.given ?? ''}`;
    if (en && pinyin) return { literal: `${pinyin} ${characters}` };
    if (en && english) return { literal: `${english} (${characters})` };
    return name;
  });
}
