import path from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import { isThere, listFolder, readText, rel } from '../../sources/files.js';
import { parseJson } from '../../sources/json.js';
import type { Templates, Strings } from '../../model/templates.js';
import { checkCssUrls, styleRegions } from './css-urls.js';
import { checkHtmlUrls } from '../../sources/html-urls.js';
import { checkCharacterReferences } from '../../sources/character-references.js';
import { loadStrings } from './strings.js';

/** A template file found in the report's templates/ or in the built-in theme. */
export interface TemplateFile {
  abs: string;
  /** As messages print it: `templates/…` (the report's) or `theme/…` (the built-in theme's). */
  name: string;
  /** The folder its CSS paths must stay inside: the report root, or the theme's folder. */
  within: string;
}

const isFile = (abs: string) => existsSync(abs) && statSync(abs).isFile();

/**
 * Where the look of a report comes from, file by file: the report's own
 * `templates/<name>` when it has one, else the built-in theme's `theme/<name>`
 * (in this package).
 */
function locate(ctx: BuildContext): { own: (name: string) => TemplateFile | undefined; theme: (name: string) => TemplateFile | undefined; themeDir: string } {
  const themeDir = path.join(ctx.packageDir, 'theme');
  return {
    themeDir,
    own: (name) => {
      const abs = path.join(ctx.root, 'templates', name);
      // (anything there — a folder, a link to nothing — is the report's own, read or reported, never passed over for the theme's)
      return isThere(abs) ? { abs, name: rel(ctx, abs), within: ctx.root } : undefined;
    },
    theme: (name) => {
      const abs = path.join(themeDir, name);
      return isFile(abs) ? { abs, name: `theme/${name}`, within: themeDir } : undefined;
    },
  };
}

/**
 * Stage: the report's templates/ over the built-in theme → layout, partials,
 * styles, strings per language, chart theme. Each file is the report's own if
 * it has one, else the theme's; strings are merged key by key; the report's
 * partials add to the theme's or replace them by name. A file that neither
 * provides is an error naming it.
 */
export function loadTemplates(ctx: BuildContext, languages: Lang[]): Templates | undefined {
  const where = locate(ctx);
  const files: Record<string, string> = {};
  const read = (name: string, hint: string): { text: string; file: TemplateFile } | undefined => {
    const file = where.own(name) ?? where.theme(name);
    if (!file) {
      ctx.diagnostics.report('missing-file', { file: `templates/${name}` }, [`templates/${name}`], [`${hint}; neither the report's templates/ nor the built-in theme/ has it`]);
      return undefined;
    }
    const text = readText(ctx, file.abs, { file: file.name });
    if (text === undefined) return undefined;
    files[name.replace(/\.hbs$/, '')] = file.name;
    return { text, file };
  };
  // (a file or a broken link where the report's templates/ or one of its folders should be is reported, not passed over)
  for (const dir of ['', 'styles', 'strings']) listFolder(ctx, path.join(ctx.root, 'templates', dir));
  const layout = read('layout.hbs', 'the page layout');
  const css = read('styles/report.css', 'the stylesheet');
  const printCss = read('styles/print.css', 'the print stylesheet');
  const themeJson = read('chart-theme.json', 'the charts\' Vega-Lite config');
  let chartTheme = themeJson && parseJson(ctx, themeJson.text, themeJson.file.name);
  if (themeJson && chartTheme !== undefined && (!chartTheme || typeof chartTheme !== 'object' || Array.isArray(chartTheme))) {
    ctx.diagnostics.report('chart-spec', { file: themeJson.file.name, line: 1, column: 1 }, ['the chart theme must be one JSON object'], ['the theme is a Vega-Lite config: {"font": …, "axis": {…}}']);
    chartTheme = undefined;
  }
  const partials: Record<string, string> = {};
  const partialFiles: TemplateFile[] = [];
  for (const name of partialNames(readdirSync(path.join(where.themeDir, 'partials')), listFolder(ctx, path.join(ctx.root, 'templates', 'partials')) ?? [])) {
    const p = read(`partials/${name}.hbs`, 'a partial');
    if (!p) continue;
    partials[name] = p.text;
    partialFiles.push(p.file);
  }
  for (const sheet of [css, printCss]) if (sheet) checkCssUrls(ctx, sheet.file, sheet.text);
  if (layout) checkCssUrls(ctx, layout.file, layout.text, styleRegions(layout.text));
  for (const f of partialFiles) checkCssUrls(ctx, f, partials[path.basename(f.abs, '.hbs')]!, styleRegions(partials[path.basename(f.abs, '.hbs')]!));
  for (const [file, text] of [...(layout ? [[layout.file, layout.text] as const] : []), ...partialFiles.map((f) => [f, partials[path.basename(f.abs, '.hbs')]!] as const)]) {
    checkHtmlUrls(ctx, file.name, text);
    checkCharacterReferences(ctx, file.name, text);
  }
  const strings = {} as Record<Lang, Strings>;
  for (const lang of languages) {
    const name = `strings/${lang}.yaml`;
    const theme = where.theme(name);
    const own = where.own(name);
    if (!theme && !own) {
      ctx.diagnostics.report('missing-file', { file: `templates/${name}` }, [`templates/${name}`], [`every word the templates print comes from strings/${lang}.yaml; neither the report's templates/ nor the built-in theme/ has it`]);
      continue;
    }
    files[`strings/${lang}`] = own?.name ?? theme!.name;
    const s = loadStrings(ctx, lang, theme, own);
    if (s) strings[lang] = s;
  }
  if (!layout || !css || !printCss || !chartTheme || Object.keys(strings).length !== languages.length) return undefined;
  const fingerprint = [layout.text, css.text, printCss.text, JSON.stringify(chartTheme), JSON.stringify(partials), JSON.stringify(strings)].join('\0');
  return { layout: layout.text, partials, css: css.text, printCss: printCss.text, strings, chartTheme: chartTheme as Record<string, unknown>, files, fingerprint };
}

/** The partials' names (file names without .hbs) in the given folders' listings, sorted, each once. */
function partialNames(...listings: string[][]): string[] {
  const names = new Set<string>();
  for (const list of listings) for (const f of list) if (f.endsWith('.hbs')) names.add(f.slice(0, -4));
  return [...names].sort();
}
