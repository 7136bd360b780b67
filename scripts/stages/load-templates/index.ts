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

interface TemplateLocations {
  own: (name: string) => TemplateFile | undefined;
  theme: (name: string) => TemplateFile | undefined;
  themeDir: string;
}

/**
 * Where the look of a report comes from, file by file: the report's own
 * `templates/<name>` when it has one, else the built-in theme's `theme/<name>`
 * (in this package).
 */
function locate(ctx: BuildContext): TemplateLocations {
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
  const read = templateReader(ctx, where, files);
  // (a file or a broken link where the report's templates/ or one of its folders should be is reported, not passed over)
  for (const dir of ['', 'styles', 'strings']) listFolder(ctx, path.join(ctx.root, 'templates', dir));
  const layout = read('layout.hbs', 'the page layout');
  const css = read('styles/report.css', 'the stylesheet');
  const printCss = read('styles/print.css', 'the print stylesheet');
  const chartTheme = readChartTheme(ctx, read);
  const { partials, partialFiles } = readPartials(ctx, where, read);
  checkReferences(ctx, { layout, css, printCss, partials, partialFiles });
  const strings = readStrings(ctx, where, languages, files);
  if (!layout || !css || !printCss || !chartTheme || Object.keys(strings).length !== languages.length) return undefined;
  const fingerprint = [
    layout.text,
    css.text,
    printCss.text,
    JSON.stringify(chartTheme),
    JSON.stringify(partials),
    JSON.stringify(strings),
  ].join('\0');
  return {
    layout: layout.text,
    partials,
    css: css.text,
    printCss: printCss.text,
    strings,
    chartTheme: chartTheme as Record<string, unknown>,
    files,
    fingerprint,
  };
}

/** A template's text and the file it was read from. */
interface TemplateText {
  text: string;
  file: TemplateFile;
}

type ReadTemplate = (name: string, hint: string) => TemplateText | undefined;

/**
 * Reads a template by name, the report's own or else the theme's, noting which file it came from in `files`;
 * one that neither has is reported, with `hint` saying what it is for.
 */
function templateReader(ctx: BuildContext, where: TemplateLocations, files: Record<string, string>): ReadTemplate {
  return (name, hint) => {
    const file = where.own(name) ?? where.theme(name);
    if (!file) {
      ctx.diagnostics.report(
        'missing-file',
        { file: `templates/${name}` },
        [`templates/${name}`],
        [`${hint}; neither the report's templates/ nor the built-in theme/ has it`],
      );
      return undefined;
    }
    const text = readText(ctx, file.abs, { file: file.name });
    if (text === undefined) return undefined;
    files[name.replace(/\.hbs$/, '')] = file.name;
    return { text, file };
  };
}

/** The charts' Vega-Lite config (chart-theme.json): one JSON object, or undefined (reported). */
function readChartTheme(ctx: BuildContext, read: ReadTemplate): unknown {
  const themeJson = read('chart-theme.json', "the charts' Vega-Lite config");
  const chartTheme = themeJson && parseJson(ctx, themeJson.text, themeJson.file.name);
  if (
    themeJson &&
    chartTheme !== undefined &&
    (!chartTheme || typeof chartTheme !== 'object' || Array.isArray(chartTheme))
  ) {
    ctx.diagnostics.report(
      'chart-spec',
      { file: themeJson.file.name, line: 1, column: 1 },
      ['the chart theme must be one JSON object'],
      ['the theme is a Vega-Lite config: {"font": …, "axis": {…}}'],
    );
    return undefined;
  }
  return chartTheme;
}

/** The theme's partials and the report's, by name (the report's replacing the theme's), with the files they came from. */
function readPartials(
  ctx: BuildContext,
  where: TemplateLocations,
  read: ReadTemplate,
): { partials: Record<string, string>; partialFiles: TemplateFile[] } {
  const partials: Record<string, string> = {};
  const partialFiles: TemplateFile[] = [];
  for (const name of partialNames(
    readdirSync(path.join(where.themeDir, 'partials')),
    listFolder(ctx, path.join(ctx.root, 'templates', 'partials')) ?? [],
  )) {
    const p = read(`partials/${name}.hbs`, 'a partial');
    if (!p) continue;
    partials[name] = p.text;
    partialFiles.push(p.file);
  }
  return { partials, partialFiles };
}

/** Checks the URLs the stylesheets, the layout and the partials name (CSS, and HTML's), and their character references. */
function checkReferences(
  ctx: BuildContext,
  t: {
    layout?: TemplateText;
    css?: TemplateText;
    printCss?: TemplateText;
    partials: Record<string, string>;
    partialFiles: TemplateFile[];
  },
): void {
  const { layout, partials, partialFiles } = t;
  for (const sheet of [t.css, t.printCss]) if (sheet) checkCssUrls(ctx, sheet.file, sheet.text);
  if (layout) checkCssUrls(ctx, layout.file, layout.text, styleRegions(layout.text));
  for (const f of partialFiles)
    checkCssUrls(
      ctx,
      f,
      partials[path.basename(f.abs, '.hbs')]!,
      styleRegions(partials[path.basename(f.abs, '.hbs')]!),
    );
  for (const [file, text] of [
    ...(layout ? [[layout.file, layout.text] as const] : []),
    ...partialFiles.map((f) => [f, partials[path.basename(f.abs, '.hbs')]!] as const),
  ]) {
    checkHtmlUrls(ctx, file.name, text);
    checkCharacterReferences(ctx, file.name, text);
  }
}

/** Each language's strings, the theme's merged with the report's key by key; a language neither has is reported. */
function readStrings(
  ctx: BuildContext,
  where: TemplateLocations,
  languages: Lang[],
  files: Record<string, string>,
): Record<Lang, Strings> {
  const strings = {} as Record<Lang, Strings>;
  for (const lang of languages) {
    const name = `strings/${lang}.yaml`;
    const theme = where.theme(name);
    const own = where.own(name);
    if (!theme && !own) {
      ctx.diagnostics.report(
        'missing-file',
        { file: `templates/${name}` },
        [`templates/${name}`],
        [
          `every word the templates print comes from strings/${lang}.yaml; neither the report's templates/ nor the built-in theme/ has it`,
        ],
      );
      continue;
    }
    files[`strings/${lang}`] = own?.name ?? theme!.name;
    const s = loadStrings(ctx, lang, theme, own);
    if (s) strings[lang] = s;
  }
  return strings;
}

/** The partials' names (file names without .hbs) in the given folders' listings, sorted, each once. */
function partialNames(...listings: string[][]): string[] {
  const names = new Set<string>();
  for (const list of listings) for (const f of list) if (f.endsWith('.hbs')) names.add(f.slice(0, -4));
  return [...names].sort();
}
