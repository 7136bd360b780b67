import type { Root as MdRoot, Nodes } from 'mdast';
import type { Lang } from '../../context.js';
import { hyphenateText, typography } from '../../locale/typography.js';

/** Blocks whose text is body text, and the inline nodes inside them that stay whole. */
const bodyBlocks: readonly string[] = ['paragraph', 'list', 'listItem', 'blockquote'];
const keepWhole: readonly string[] = ['inlineCode', 'code', 'link', 'linkReference', 'html', 'noteRef'];

/**
 * Soft hyphens in the body text of a chapter (paragraphs, lists, quotations) — never in headings, notes,
 * figures, code or links. The words they break are chosen in locale/typography.ts.
 */
export function hyphenateBody(tree: MdRoot, lang: Lang): void {
  if (!typography[lang].hyphenation) return;
  const inline = (node: Nodes): void => {
    if (keepWhole.includes(node.type)) return;
    if (node.type === 'text') node.value = hyphenateText(node.value, lang);
    else if ('children' in node) for (const child of node.children as Nodes[]) inline(child);
  };
  const block = (node: Nodes): void => {
    if (!bodyBlocks.includes(node.type)) return;
    if (node.type === 'paragraph') inline(node);
    else for (const child of (node as { children: Nodes[] }).children) block(child);
  };
  for (const node of tree.children) block(node);
}
