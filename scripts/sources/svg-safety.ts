import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

/**
 * Why an SVG may not be published (undefined: it may). An SVG is a document: opened from the site (a link,
 * "open image in new tab") its script runs there, and what it references is fetched. So it may hold no
 * script, no event handler attribute, no foreignObject (HTML inside), no entity declarations, and no reference
 * to anything outside itself (href, xlink:href, src, CSS url() and @import only to `#id`). Refused, not
 * cleaned: the author fixes the file and the published one is the one they wrote.
 *
 * The names are looked for in the text as written (an XML name cannot hide behind an entity); the references'
 * values are read as parsed, entities decoded (`&#106;avascript:` is `javascript:`).
 */
export function svgProblem(text: string): string | undefined {
  if (/<!ENTITY/i.test(text)) return 'it declares entities (<!ENTITY>)';
  const element = /<\s*(script|foreignObject|iframe|embed|object|handler|listener)\b/i.exec(text);
  if (element) return `it holds a <${element[1]}> element`;
  const handler = /[\s"'/]((?:[a-z]+:)?on[a-z]+)\s*=/i.exec(text);
  if (handler) return `it has an event handler attribute (${handler[1]})`;
  const css = /url\(\s*(?!["']?\s*#)|@import/i.exec(text);
  if (css) return `its CSS loads another file (${css[0].trim()}…)`;
  let external: string | undefined;
  visit(fromHtml(text, { fragment: true, space: 'svg' }), 'element', (node) => {
    for (const [name, value] of Object.entries(node.properties)) {
      if (!/^(href|xLinkHref|src)$/i.test(name)) continue;
      const url = String(value ?? '').trim();
      if (!url.startsWith('#')) external ??= url;
    }
  });
  if (external !== undefined) return `it references another file or address ("${external}")`;
  return undefined;
}
