import type { ElementContent } from 'hast';

/**
 * A paragraph's inline nodes with its cross-references made links: the text each {{ref}} printed ("Figure 2",
 * "表 1"), found in order in the paragraph's text outside links, becomes a link to what it names (`#fig-x`),
 * which the DOCX writes as a link to the figure's or table's bookmark. (The page prints them as plain text.)
 */
export function linkRefs(nodes: ElementContent[], refs: { shown: string; target: string }[]): ElementContent[] {
  let next = 0;
  const walk = (list: ElementContent[]): ElementContent[] =>
    list.flatMap((n): ElementContent[] => {
      if (n.type === 'element') return n.tagName === 'a' ? [n] : [{ ...n, children: walk(n.children) }];
      if (n.type !== 'text') return [n];
      const out: ElementContent[] = [];
      let text = n.value;
      for (let ref = refs[next]; ref; ref = refs[next]) {
        const i = text.replaceAll('\u00ad', '').indexOf(ref.shown) < 0 ? -1 : indexIgnoringSoftHyphens(text, ref.shown);
        if (i < 0) break;
        const end = endIgnoringSoftHyphens(text, i, ref.shown.length);
        if (i > 0) out.push({ type: 'text', value: text.slice(0, i) });
        out.push({
          type: 'element',
          tagName: 'a',
          properties: { href: `#${ref.target}` },
          children: [{ type: 'text', value: text.slice(i, end) }],
        });
        text = text.slice(end);
        next++;
      }
      if (text) out.push({ type: 'text', value: text });
      return out;
    });
  return walk(nodes);
}

/** Where `part` starts in `text` when soft hyphens (the page's, for print) are not counted. */
function indexIgnoringSoftHyphens(text: string, part: string): number {
  for (let i = 0; i < text.length; i++) if (endIgnoringSoftHyphens(text, i, part.length, part) >= 0) return i;
  return -1;
}

/** The end in `text` of `length` characters from `start`, soft hyphens skipped (and, given `part`, matching it; else -1). */
function endIgnoringSoftHyphens(text: string, start: number, length: number, part?: string): number {
  let j = start;
  for (let k = 0; k < length; j++) {
    if (j >= text.length) return -1;
    if (text[j] === '\u00ad') continue;
    if (part !== undefined && text[j] !== part[k]) return -1;
    k++;
  }
  return j;
}
