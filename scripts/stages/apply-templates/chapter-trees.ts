import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/** Where a `raw` node holds a chart's drawing: our own SVG, kept as text (the formats take the chart's downloads). */
const drawings = ['chart-wide', 'chart-narrow'];

/**
 * A filled chapter as the formats written from trees walk it (model/edition.ts `EditionTrees`): the same nodes,
 * but each partial's output — a table's markup, the byline, a citation in a share menu, which the page carries as
 * `raw` HTML — read into hast here, once, so that no format parses HTML. The page's tree is left as it is (the
 * elements on the way to a partial's output are copied; text nodes and properties are shared).
 */
export function chapterTree(tree: Root): Root {
  return { type: 'root', children: tree.children.flatMap((n) => withPartials(n, false)) as RootContent[] };
}

function withPartials(node: RootContent, inDrawing: boolean): RootContent[] {
  if (node.type === 'element') return [element(node, inDrawing)];
  if ((node.type as string) !== 'raw' || inDrawing) return [node];
  return fromHtml((node as unknown as { value: string }).value, { fragment: true }).children;
}

function element(el: Element, inDrawing: boolean): Element {
  const classes = (el.properties.className as string[] | undefined) ?? [];
  const drawing = inDrawing || classes.some((c) => drawings.includes(c));
  const children = el.children.flatMap((c) => withPartials(c, drawing)) as ElementContent[];
  return { ...el, children };
}
