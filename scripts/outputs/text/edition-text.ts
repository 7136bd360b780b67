import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { NO_BREAK_SPACE } from '../../locale/no-break.js';

/** Elements that are the page's controls or drawings, not the report's text. */
const controls: readonly string[] = ['svg', 'script', 'style', 'button', 'template', 'nav', 'details', 'summary'];
/** Classes the theme gives to what only the web page needs: heading links, chart keyboard hints, links back from notes. */
const webOnly: readonly string[] = ['anchor', 'chart-keys', 'note-back'];

/** The text of the page's main content, blocks apart by one blank line. */
export function editionText(html: string): string {
  const main = findMain(fromHtml(html));
  if (!main) return '';
  // The page's soft hyphens (where print may break a word) and no-break spaces (where it must not) are line
  // setting, not the text: a translation tool would see them.
  const text = toText({ ...main, children: prose(main.children) })
    .replaceAll('\u00ad', '')
    .replaceAll(NO_BREAK_SPACE, ' ')
    .replace(/[ \t]+\n/g, '\n');
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function findMain(node: Root | Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'main') return child;
    const found = findMain(child);
    if (found) return found;
  }
  return undefined;
}

/** The nodes without the page's controls, drawings, hidden text and web-only aids. */
function prose(nodes: (RootContent | ElementContent)[]): ElementContent[] {
  const kept = nodes.filter(
    (n): n is ElementContent => n.type !== 'doctype' && !(n.type === 'element' && isWebOnly(n)),
  );
  return kept.map((n) => (n.type === 'element' ? { ...n, children: prose(n.children) } : n));
}

function isWebOnly(el: Element): boolean {
  const classes = (el.properties.className as string[] | undefined) ?? [];
  return (
    controls.includes(el.tagName) ||
    el.properties.hidden === true ||
    el.properties.ariaHidden === 'true' ||
    classes.some((c) => webOnly.includes(c))
  );
}
