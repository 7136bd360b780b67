import { refText } from '../../locale/ref-list.js';
import { h } from 'hastscript';
import type { ElementContent } from 'hast';
import type { Lang } from '../../context.js';
import type { ReportData } from '../../model/data.js';
import type { Strings } from '../../model/templates.js';
import type { RenderedEdition } from '../../model/edition.js';
import { trimmedParts, type TextChange } from '../../units/text-diff.js';
import { formatBare, formatValue } from '../../locale/units.js';

/** What the page needs to show a unit's source text as readers see it. */
export interface TextContext {
  data: ReportData;
  /** Per language: what numbers the edition gives figures and tables. */
  rendered: Record<Lang, RenderedEdition>;
  strings: Record<Lang, Strings>;
}

const expression =
  /\{\{\s*(num|ref)\s+"([^"]+)"([^}]*)\}\}|\{\{\s*(figure|table)\s+"([^"]+)"\s*\}\}|\{\{>\s*byline\s*\}\}|\[\^([^\]]+)\]/g;

/**
 * A unit's text as hast: {{num}} and {{ref}} show what the edition prints (the expression as a tooltip),
 * note markers a superscript, placements a label; the rest stays as written (Markdown marks included).
 */
export function unitText(text: string, lang: Lang, tc: TextContext): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const m of text.matchAll(expression)) {
    if (m.index > last) out.push({ type: 'text', value: text.slice(last, m.index) });
    last = m.index + m[0].length;
    if (m[1] === 'num') {
      const v = tc.data.values.get(m[2]!);
      const shown = !v
        ? '??'
        : /bare\s*=\s*true/.test(m[3] ?? '')
          ? formatBare(v.raw, lang)
          : formatValue(v.raw, v.unit, lang);
      out.push(h('span.value', { title: m[0] }, shown));
    } else if (m[1] === 'ref') {
      const ids = [...m[0].matchAll(/"([^"]+)"/g)].map((q) => q[1]!);
      const items = ids.map((id) => ({ id, n: tc.rendered[lang]?.state.numbers.get(id) ?? '??' }));
      out.push(h('span.value', { title: m[0] }, refText(items, tc.strings[lang])));
    } else if (m[4]) out.push(h('span.slot', `${m[4]} ${m[5]}`));
    else if (m[6]) out.push(h('sup.note', `[^${m[6]}]`));
    else out.push(h('span.slot', 'byline'));
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

/** The change since the translation, a few words around each edit: removed <del>, added <ins>. */
export function changeText(change: TextChange, lang: Lang): ElementContent[] {
  return trimmedParts(change, lang).map((p) =>
    p.added ? h('ins', p.value) : p.removed ? h('del', p.value) : ({ type: 'text', value: p.value } as ElementContent),
  );
}
