import type { Element, Root } from 'hast';

/** The elements below `node` (document order) that pass `test`: what the tests look for in a page or a note. */
export function elements(node: Root | Element, test: (el: Element) => boolean, found: Element[] = []): Element[] {
  for (const kid of node.children)
    if (kid.type === 'element') {
      if (test(kid)) found.push(kid);
      elements(kid, test, found);
    }
  return found;
}
