import type { Root as MdRoot } from 'mdast';
import type { BuildContext } from '../../context.js';
import { MAX_LIST_DEPTH } from '../../sources/chapter-limits.js';

type At = (node: { position?: { start: { line: number; column: number } } }) => {
  file: string;
  line: number;
  column: number;
};
interface Node {
  type: string;
  children?: Node[];
  position?: { start: { line: number; column: number } };
}

/**
 * Lists nested deeper than the page can show: each indents its items, and past MAX_LIST_DEPTH levels the text of
 * the inner ones ran off the printed page without a word (a list 200 levels deep printed 23). The first list
 * past the limit in each branch is an error at its line (with the depth of the deepest list under it).
 */
export function checkListDepth(ctx: BuildContext, tree: MdRoot, at: At): void {
  const deepest = (node: Node): number =>
    (node.type === 'list' ? 1 : 0) + Math.max(0, ...(node.children ?? []).map(deepest));
  const walk = (node: Node, depth: number): void => {
    const d = depth + (node.type === 'list' ? 1 : 0);
    if (d > MAX_LIST_DEPTH) {
      ctx.diagnostics.report(
        'list-too-deep',
        at(node),
        [String(depth + deepest(node)), String(MAX_LIST_DEPTH)],
        [String(MAX_LIST_DEPTH)],
      );
      return;
    }
    for (const child of node.children ?? []) walk(child, d);
  };
  walk(tree as Node, 0);
}
