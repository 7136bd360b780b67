import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildContext } from '../../context.js';
import { lineCol } from '../../sources/positions.js';

/** `<style>` blocks and `style="…"` attributes of an HTML template: [start, end) offsets. */
export function styleRegions(html: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of html.matchAll(/(<style\b[^>]*>)([\s\S]*?)<\/style\s*>/gi))
    out.push([m.index! + m[1]!.length, m.index! + m[1]!.length + m[2]!.length]);
  for (const m of html.matchAll(/(\sstyle\s*=\s*)("([^"]*)"|'([^']*)')/gi))
    out.push([m.index! + m[1]!.length + 1, m.index! + m[0].length - 1]);
  return out;
}

/**
 * Every `url(…)` and `@import "…"` of a stylesheet (or of the style `regions` of
 * an HTML template) must stay inside the folder it belongs to (`within`: the
 * report root, or the built-in theme's folder): no http:, https:,
 * protocol-relative //host or other remote scheme (the build never fetches from
 * the network), and no path — relative, absolute or file: — that leads outside
 * it. Relative paths are taken from the file's own folder. `name` is the file as
 * messages print it.
 */
export function checkCssUrls(
  ctx: BuildContext,
  file: { abs: string; name: string; within: string },
  text: string,
  regions: [number, number][] = [[0, text.length]],
): void {
  const found: { url: string; at: number }[] = [];
  for (const [start, end] of regions) {
    // Blank out comments, keeping offsets.
    const css = text.slice(start, end).replace(/\/\*[\s\S]*?(\*\/|$)/g, (c) => c.replace(/[^\n]/g, ' '));
    for (const m of css.matchAll(/\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s][^)\s]*))/gi)) {
      const url = m[1] ?? m[2] ?? m[3] ?? '';
      found.push({ url, at: start + m.index! + m[0].length - url.length - (m[3] === undefined ? 1 : 0) });
    }
    for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) {
      const url = m[1] ?? m[2] ?? '';
      found.push({ url, at: start + m.index! + m[0].length - url.length - 1 });
    }
    // image-set("a.png" 1x, "b.png" 2x): its bare strings are URLs too (its url(…) are found above).
    for (const m of css.matchAll(/image-set\(/gi)) {
      const open = m.index! + m[0].length;
      let end = open;
      for (let depth = 1; end < css.length && depth > 0; end++)
        depth += css[end] === '(' ? 1 : css[end] === ')' ? -1 : 0;
      const inner = css.slice(open, end).replace(/url\([^)]*\)/gi, (u) => ' '.repeat(u.length));
      for (const s of inner.matchAll(/"([^"]*)"|'([^']*)'/g))
        found.push({ url: s[1] ?? s[2] ?? '', at: start + open + s.index! + 1 });
    }
  }
  for (const { url, at } of found.sort((a, b) => a.at - b.at)) {
    const place = { file: file.name, ...lineCol(text, at) };
    const u = url.trim();
    if (u === '' || u.startsWith('#') || /^data:/i.test(u)) continue;
    if (u.startsWith('//') || (/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^file:/i.test(u))) {
      ctx.diagnostics.report('remote-css', place, [u]);
      continue;
    }
    let abs: string;
    try {
      abs = /^file:/i.test(u)
        ? fileURLToPath(u)
        : path.resolve(path.dirname(file.abs), decodeURI(u.replace(/[?#].*$/, '')));
    } catch {
      abs = path.resolve(path.dirname(file.abs), u);
    }
    const r = path.relative(file.within, abs);
    if (r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r))
      ctx.diagnostics.report('outside-root', place, [u]);
  }
}
