import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { BuildContext } from '../context.js';
import { lineCol } from './positions.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** `<link rel=…>` values whose `href` the browser loads (the others — canonical, alternate… — only name a page). */
const fetchingRels = [
  'stylesheet',
  'icon',
  'shortcut',
  'apple-touch-icon',
  'apple-touch-icon-precomposed',
  'mask-icon',
  'manifest',
  'preload',
  'prefetch',
  'modulepreload',
  'preconnect',
  'dns-prefetch',
  'prerender',
];

/** Attributes that make the page load something, on any element; `href` only where it loads (link, SVG image/use). */
const loading = ['src', 'srcset', 'poster', 'background', 'data', 'imagesrcset'];
const svgHref = ['image', 'use', 'feimage', 'script'];

/**
 * Every URL an HTML template (layout or partial) makes the page load — script,
 * img, source, video, audio, iframe, embed, object, input, track `src`,
 * `srcset`, `poster`, `<link rel=stylesheet|icon|preload…>`, SVG `<image href>`
 * — must not come from the network (the build never fetches, and an HTML build
 * would ship it) nor be a `file:` URL. Reported at the template's line:col.
 * Values that start with a Handlebars expression are not known until the page
 * is made, and are left to the PDF's request guard; a value whose text before
 * the first `{{` already names a host is reported.
 */
export function checkHtmlUrls(ctx: BuildContext, file: string, text: string): void {
  let tree: Node;
  try {
    tree = (
      /^\s*(<!doctype|<html)/i.test(text)
        ? parse(text, { sourceCodeLocationInfo: true })
        : parseFragment(text, { sourceCodeLocationInfo: true })
    ) as Node;
  } catch {
    return; // parse5 reads any text as HTML; nothing is thrown for markup, whatever it is
  }
  const visit = (node: Node): void => {
    if ('tagName' in node) checkElement(ctx, file, text, node);
    const kids = [
      ...('childNodes' in node ? node.childNodes : []),
      ...('content' in node && node.content ? node.content.childNodes : []),
    ];
    for (const kid of kids) visit(kid as Node);
  };
  visit(tree);
}

function checkElement(ctx: BuildContext, file: string, text: string, el: Element): void {
  const rels = (el.attrs.find((a) => a.name === 'rel')?.value ?? '').toLowerCase().split(/\s+/);
  for (const attr of el.attrs) {
    const name = attr.name.toLowerCase().replace(/^xlink:/, '');
    const loads =
      loading.includes(name) ||
      (name === 'href' && el.tagName === 'link' && rels.some((r) => fetchingRels.includes(r))) ||
      (name === 'href' && svgHref.includes(el.tagName.toLowerCase()));
    if (!loads) continue;
    const loc = el.sourceCodeLocation?.attrs?.[attr.name];
    const urls = /srcset$/.test(name)
      ? attr.value.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0] ?? '')
      : [attr.value.trim()];
    for (const url of urls) {
      const known = url.split('{{')[0]!;
      if (!known) continue;
      const raw = loc ? text.slice(loc.startOffset, loc.endOffset) : '';
      const at = loc ? loc.startOffset + Math.max(0, raw.indexOf(known)) : 0;
      const place = { file, ...lineCol(text, at) };
      if (
        known.startsWith('//') ||
        (/^[a-z][a-z0-9+.-]*:/i.test(known) && !/^(file|data|blob|about|javascript):/i.test(known))
      )
        ctx.diagnostics.report('remote-resource', place, [url]);
      else if (/^file:/i.test(known)) ctx.diagnostics.report('outside-root', place, [url]);
    }
  }
}
