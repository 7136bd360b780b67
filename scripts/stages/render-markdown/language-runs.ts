import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import type { Lang } from '../../context.js';
import { htmlLang } from '../../locale/languages.js';

/**
 * Words in the edition's other language, marked with their language (WCAG 3.1.2, PDF/UA-1 7.2): in the English
 * edition each run of Chinese characters (a name, a title in a note: 新华财经), in the Chinese edition each run of
 * Latin words (R&D, Hong Kong Science Park), wrapped in `<span lang>` so that a screen reader switches voice. Only
 * running text (paragraphs and list items, notes included); headings, tables, captions and code are left as they are.
 */
const runs: Record<Lang, RegExp> = {
  // Han characters, with the CJK punctuation, digits and spaces between them.
  en: /\p{Script=Han}(?:[\p{Script=Han}\u3000-\u303f\uff00-\uffef\s\d·]*\p{Script=Han})?/gu,
  // Latin words of two letters or more, with the spaces, digits and marks between them.
  zh: /[A-Za-z][A-Za-z&'’.-]*[A-Za-z](?:[\s,&\d.-]+[A-Za-z][A-Za-z&'’.-]*[A-Za-z])*/g,
};
const other: Record<Lang, Lang> = { en: 'zh', zh: 'en' };
const running: readonly string[] = ['p', 'li', 'dd'];
const leaveAlone: readonly string[] = ['code', 'pre', 'kbd', 'samp', 'script', 'style', 'table', 'figure', 'svg'];

export function markOtherLanguage(tree: HastRoot, lang: Lang): void {
  const pattern = runs[lang];
  const tag = htmlLang[other[lang]];
  const walk = (node: HastRoot | Element, inRunning: boolean): void => {
    const out: ElementContent[] = [];
    let changed = false;
    for (const child of node.children as ElementContent[]) {
      if (child.type === 'element') {
        if (!leaveAlone.includes(child.tagName) && !child.properties?.lang && !isAddress(child))
          walk(child, inRunning || running.includes(child.tagName));
        out.push(child);
      } else if (child.type === 'text' && inRunning && pattern.test(child.value)) {
        out.push(...split(child, pattern, tag));
        changed = true;
      } else out.push(child);
      pattern.lastIndex = 0;
    }
    if (changed) node.children = out as typeof node.children;
  };
  walk(tree, false);
}

/** A link that shows its address (an autolink, a URL in a note): an address has no language. */
function isAddress(el: Element): boolean {
  const first = el.children[0];
  return el.tagName === 'a' && first?.type === 'text' && /^(https?:|www\.|mailto:)/i.test(first.value);
}

/** A text node as text and spans: each run of the other language in a span with its language. */
function split(text: Text, pattern: RegExp, tag: string): ElementContent[] {
  const parts: ElementContent[] = [];
  let at = 0;
  pattern.lastIndex = 0;
  for (const m of text.value.matchAll(pattern)) {
    if (m.index > at) parts.push({ type: 'text', value: text.value.slice(at, m.index) });
    parts.push({
      type: 'element',
      tagName: 'span',
      properties: { lang: tag },
      children: [{ type: 'text', value: m[0] }],
    });
    at = m.index + m[0].length;
  }
  if (at < text.value.length) parts.push({ type: 'text', value: text.value.slice(at) });
  return parts;
}
