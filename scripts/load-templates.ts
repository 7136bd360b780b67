import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import type { BuildContext, Lang } from './context.js';
import { readText } from './source-files.js';
import { loadYamlFile } from './yaml-file.js';
import { validate } from './schema.js';
import { parseJson } from './load-data.js';

/** Every word the templates and charts print, per language (templates/strings/<lang>.yaml). */
export interface Strings {
  languageName: string;
  figure: string;
  table: string;
  numberSpace: string;
  captionSeparator: string;
  tableSeparator: string;
  noteLabel: string;
  sourceLabels: Record<string, string>;
  contents: string;
  notes: string;
  backToText: string;
  pending: string;
  pendingDetail: string;
  coverage: string;
  pageBefore: string;
  pageMiddle: string;
  pageAfter: string;
  otherLanguage: string;
  menu: string;
  downloadPdf: string;
  downloadData: string;
  dataTable: string;
  authorsLabel: string;
  authorsOpen: string;
  authorsClose: string;
  dateLabel: string;
  contactLabel: string;
  listSeparator: string;
  anchorLabel: string;
  skipToContent: string;
  chooseLanguage: string;
}

export interface Templates {
  layout: string;
  partials: Record<string, string>;
  css: string;
  printCss: string;
  strings: Record<Lang, Strings>;
  chartTheme: Record<string, unknown>;
  /** Concatenated template sources, for content hashes. */
  fingerprint: string;
}

const stringKeys = [
  'languageName', 'figure', 'table', 'numberSpace', 'captionSeparator', 'tableSeparator', 'noteLabel', 'contents', 'notes', 'backToText', 'pending', 'pendingDetail', 'coverage',
  'pageBefore', 'pageMiddle', 'pageAfter', 'otherLanguage', 'menu', 'downloadPdf', 'downloadData', 'dataTable', 'authorsLabel', 'authorsOpen', 'authorsClose', 'dateLabel',
  'contactLabel', 'listSeparator', 'anchorLabel', 'skipToContent', 'chooseLanguage',
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
  const strings = {} as Record<Lang, Strings>;
  for (const lang of languages) {
    const doc = loadYamlFile(ctx, path.join(dir, 'strings', `${lang}.yaml`), `every word the templates print comes from templates/strings/${lang}.yaml`);
    if (doc && validate(ctx, stringsSchema, doc)) strings[lang] = doc.value as Strings;
  }
  if (layout === undefined || css === undefined || printCss === undefined || !chartTheme || Object.keys(strings).length !== languages.length) return undefined;
  const fingerprint = [layout, css, printCss, JSON.stringify(chartTheme), JSON.stringify(partials), JSON.stringify(strings)].join('\0');
  return { layout, partials, css, printCss, strings, chartTheme: chartTheme as Record<string, unknown>, fingerprint };
}
