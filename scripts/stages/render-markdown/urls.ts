import path from 'node:path';
import type { Root as MdRoot, Definition, Image } from 'mdast';
import { visit } from 'unist-util-visit';
import type { BuildContext } from '../../context.js';
import type { Place } from '../../diagnostics/catalogue.js';
import { isUnsafeLink, urlScheme } from '../../sources/link-schemes.js';
import type { EditionFiles, LocalTarget } from './published-files.js';

type At = (node: { position?: { start: { line: number; column: number } } }) => Place;

/**
 * Every image, link and link definition of a chapter, checked (checkUrl) and, when it names a file of the report,
 * pointed at that file as the edition publishes it (published-files.ts). An image by reference (`![alt][logo]`)
 * becomes an image first, so that its definition can still serve a link. An image needs alt text.
 */
export function publishUrls(ctx: BuildContext, tree: MdRoot, at: At, chapterFile: string, files: EditionFiles): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => void definitions.set(node.identifier, node));
  const linked = new Set<string>();
  visit(tree, 'linkReference', (node) => void linked.add(node.identifier));
  const imageOnly = new Set<Definition>();
  visit(tree, 'imageReference', (node, index, parent) => {
    const def = definitions.get(node.identifier);
    if (!def || !parent || index === undefined) return;
    if (!linked.has(node.identifier)) imageOnly.add(def);
    const image: Image = { type: 'image', url: def.url, title: def.title, alt: node.alt, position: node.position };
    parent.children[index] = image;
  });
  visit(tree, (node) => {
    if (node.type !== 'image' && node.type !== 'link' && node.type !== 'definition') return;
    // (a definition that only images use was checked as their image)
    if (node.type === 'definition' && imageOnly.has(node)) return;
    const place = at(node);
    const target = checkUrl(ctx, node.type, node.url, place, chapterFile);
    if (node.type === 'image') {
      if (!node.alt?.trim()) ctx.diagnostics.report('image-alt', place, [node.url]);
      const image = target && files.image(node.url, target, place);
      if (!image) return;
      node.url = image.src;
      node.data = { ...node.data, hProperties: { width: image.width, height: image.height } };
    } else if (target) {
      node.url = files.link(node.url, target, place) ?? node.url;
    }
  });
}

/**
 * Links may point anywhere on the web (readers follow them), but only as web pages or mail
 * (sources/link-schemes.ts): a `javascript:` link would run on the report's site. Images are part of the
 * page, so they must be files of the report (or `data:`). Neither may reach a file outside the report
 * root, by `file:` or by `../`. A relative URL gives the file it names (undefined for any other).
 */
function checkUrl(
  ctx: BuildContext,
  kind: 'image' | 'link' | 'definition',
  url: string,
  place: Place,
  chapterFile: string,
): LocalTarget | undefined {
  const scheme = urlScheme(url);
  if (url.startsWith('#') || scheme === 'mailto' || (kind === 'image' && scheme === 'data')) return undefined;
  if (scheme === 'file') return void ctx.diagnostics.report('outside-root', place, [url]);
  if (kind !== 'image' && isUnsafeLink(url)) return void ctx.diagnostics.report('unsafe-link', place, [url]);
  if (scheme || url.startsWith('//')) {
    if (kind === 'image') ctx.diagnostics.report('remote-resource', place, [url]);
    return undefined;
  }
  const [, written = '', fragment = ''] = /^([^?#]*)(?:\?[^#]*)?(?:#(.*))?$/.exec(url) ?? [];
  let file = written;
  try {
    file = decodeURI(file);
  } catch {
    // A "%" that starts no escape ("50%.pdf"): the path is what was written.
  }
  const abs = path.resolve(ctx.root, path.dirname(chapterFile), file);
  if (abs !== ctx.root && !abs.startsWith(ctx.root + path.sep))
    return void ctx.diagnostics.report('outside-root', place, [url]);
  return { abs, fragment };
}
