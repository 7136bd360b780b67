import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BuildContext, Lang } from '../context.js';
import { readText, rel } from '../sources/files.js';
import { lineCol } from '../sources/positions.js';
import { loadYamlFile } from '../sources/yaml.js';
import { validate } from '../sources/validate.js';
import { parseJson } from '../sources/json.js';
import type { Templates, Strings } from '../model/templates.js';

/** Every word the templates and charts print, per language (templates/strings/<lang>.yaml). */

const stringKeys = [
  'languageName', 'figure', 'table', 'numberSpace', 'captionSeparator', 'tableSeparator', 'noteLabel', 'contents', 'notes', 'backToText', 'pending', 'pendingDetail', 'coverage',
  'pageBefore', 'pageMiddle', 'pageAfter', 'otherLanguage', 'menu', 'downloadPdf', 'downloadData', 'dataTable', 'authorsLabel', 'authorsOpen', 'authorsClose', 'dateLabel',
  'contactLabel', 'listSeparator', 'anchorLabel', 'skipToContent', 'chooseLanguage',
  'dataPoint', 'chartKeys', 'share', 'permalink', 'copyLink', 'copied', 'downloadSvg', 'downloadPng', 'downloadTableData', 'citeFigure', 'citeTable', 'copyCitation',
];

const stringsSchema = {
  type: 'object',
  required: [...stringKeys, 'sourceLabels'],
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(stringKeys.map((k) => [k, { type: 'string' }])),
    sourceLabels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

/** Stage: templates/ → layout, partials, styles, strings per language, chart theme. */
export function loadTemplates(ctx: BuildContext, languages: Lang[]): Templates | undefined {
  const dir = path.join(ctx.root, 'templates');
  const layout = readText(ctx, path.join(dir, 'layout.hbs'), undefined, 'the page layout is templates/layout.hbs');
  const css = readText(ctx, path.join(dir, 'styles', 'report.css'));
  const printCss = readText(ctx, path.join(dir, 'styles', 'print.css'));
  const themeText = readText(ctx, path.join(dir, 'chart-theme.json'));
  const chartTheme = themeText === undefined ? undefined : parseJson(ctx, themeText, 'templates/chart-theme.json');
  const partials: Record<string, string> = {};
  const pdir = path.join(dir, 'partials');
  for (const name of existsSync(pdir) ? readdirSync(pdir).filter((f) => f.endsWith('.hbs')).sort() : []) {
    const text = readText(ctx, path.join(pdir, name));
    if (text !== undefined) partials[name.slice(0, -4)] = text;
  }
  if (css !== undefined) checkCssUrls(ctx, path.join(dir, 'styles', 'report.css'), css);
  if (printCss !== undefined) checkCssUrls(ctx, path.join(dir, 'styles', 'print.css'), printCss);
  for (const [file, text] of [[path.join(dir, 'layout.hbs'), layout], ...Object.entries(partials).map(([n, t]) => [path.join(pdir, `${n}.hbs`), t])] as [string, string | undefined][]) {
    if (text !== undefined) checkCssUrls(ctx, file, text, styleRegions(text));
  }
  const strings = {} as Record<Lang, Strings>;
  for (const lang of languages) {
    const doc = loadYamlFile(ctx, path.join(dir, 'strings', `${lang}.yaml`), `every word the templates print comes from templates/strings/${lang}.yaml`);
    if (doc && validate(ctx, stringsSchema, doc)) strings[lang] = doc.value as Strings;
  }
  if (layout === undefined || css === undefined || printCss === undefined || !chartTheme || Object.keys(strings).length !== languages.length) return undefined;
  const fingerprint = [layout, css, printCss, JSON.stringify(chartTheme), JSON.stringify(partials), JSON.stringify(strings)].join('\0');
  return { layout, partials, css, printCss, strings, chartTheme: chartTheme as Record<string, unknown>, fingerprint };
}

/** `<style>` blocks and `style="…"` attributes of an HTML template: [start, end) offsets. */
function styleRegions(html: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of html.matchAll(/(<style\b[^>]*>)([\s\S]*?)<\/style\s*>/gi)) out.push([m.index! + m[1]!.length, m.index! + m[1]!.length + m[2]!.length]);
  for (const m of html.matchAll(/(\sstyle\s*=\s*)("([^"]*)"|'([^']*)')/gi)) out.push([m.index! + m[1]!.length + 1, m.index! + m[0].length - 1]);
  return out;
}

/**
 * Every `url(…)` and `@import "…"` of a stylesheet (or of the style `regions` of
 * an HTML template) must stay inside the report: no http:, https:,
 * protocol-relative //host or other remote scheme (the build never fetches from
 * the network), and no path — relative, absolute or file: — that leads outside
 * the report root. Relative paths are taken from the file's own folder.
 */
export function checkCssUrls(ctx: BuildContext, file: string, text: string, regions: [number, number][] = [[0, text.length]]): void {
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
  }
  const name = rel(ctx, file);
  for (const { url, at } of found.sort((a, b) => a.at - b.at)) {
    const place = { file: name, ...lineCol(text, at) };
    const u = url.trim();
    if (u === '' || u.startsWith('#') || /^data:/i.test(u)) continue;
    if (u.startsWith('//') || (/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^file:/i.test(u))) {
      ctx.diagnostics.report('remote-css', place, [u]);
      continue;
    }
    let abs: string;
    try {
      abs = /^file:/i.test(u) ? fileURLToPath(u) : path.resolve(path.dirname(file), decodeURI(u.replace(/[?#].*$/, '')));
    } catch {
      abs = path.resolve(path.dirname(file), u);
    }
    const r = path.relative(ctx.root, abs);
    if (r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r)) ctx.diagnostics.report('outside-root', place, [u]);
  }
}
