import type { BuildContext, Lang } from '../../context.js';
import { readText } from '../../sources/files.js';
import { parseYaml, type YamlFile } from '../../sources/yaml.js';
import { validate } from '../../sources/validate.js';
import { chartSummaryKeys, type Strings } from '../../model/templates.js';
import type { TemplateFile } from './index.js';

/** Every word the templates and charts print, per language (strings/<lang>.yaml). */
export const stringKeys = [
  'languageName',
  'figure',
  'figures',
  'table',
  'tables',
  'numberSpace',
  'captionSeparator',
  'tableSeparator',
  'noteLabel',
  'contents',
  'notes',
  'notesOf',
  'bibliography',
  'endnotes',
  'backToText',
  'noteContinued',
  'pending',
  'pendingDetail',
  'illustrative',
  'coverage',
  'pageBefore',
  'pageMiddle',
  'pageAfter',
  'otherLanguage',
  'menu',
  'downloadPdf',
  'downloadData',
  'dataTable',
  'authorsLabel',
  'authorsOpen',
  'authorsClose',
  'dateLabel',
  'contactLabel',
  'listSeparator',
  'listAnd',
  'anchorLabel',
  'skipToContent',
  'chooseLanguage',
  'dataPoint',
  'chartKeys',
  'share',
  'permalink',
  'copyLink',
  'copied',
  'downloadSvg',
  'downloadPng',
  'downloadTableData',
  'citeFigure',
  'citeTable',
  'copyCitation',
];

/** A chart summary's words (`chartSummary`): the theme gives every one, a report any of them. */
const summaryWords = (required: string[]) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties: Object.fromEntries(chartSummaryKeys.map((k) => [k, { type: 'string' }])),
});
const properties = {
  ...Object.fromEntries(stringKeys.map((k) => [k, { type: 'string' }])),
  sourceLabels: { type: 'object', additionalProperties: { type: 'string' } },
};
/** The theme's strings: every key. */
const fullSchema = {
  type: 'object',
  required: [...stringKeys, 'sourceLabels', 'chartSummary'],
  additionalProperties: false,
  properties: { ...properties, chartSummary: summaryWords(chartSummaryKeys) },
};
/** A report's own strings: any of the keys, each replacing the theme's. */
const overrideSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...properties, chartSummary: summaryWords([]) },
};

function load(ctx: BuildContext, file: TemplateFile, schema: object, hint: string): Partial<Strings> | undefined {
  const text = readText(ctx, file.abs, { file: file.name });
  if (text === undefined) return undefined;
  const doc: YamlFile | undefined = parseYaml(ctx, text, file.name);
  if (!doc) return undefined;
  if (doc.value == null) doc.value = {};
  return validate(ctx, schema, doc, hint) ? (doc.value as Partial<Strings>) : undefined;
}

/**
 * One language's strings: the built-in theme's, with the report's own
 * templates/strings/<lang>.yaml (if any) laid over them key by key
 * (`sourceLabels` label by label, `chartSummary` word by word).
 */
export function loadStrings(
  ctx: BuildContext,
  lang: Lang,
  theme: TemplateFile | undefined,
  own: TemplateFile | undefined,
): Strings | undefined {
  const keys = `the keys are ${stringKeys.join(', ')}, sourceLabels, chartSummary (see docs/authoring.md)`;
  const base = theme ? load(ctx, theme, fullSchema, keys) : {};
  const over = own ? load(ctx, own, theme ? overrideSchema : fullSchema, keys) : {};
  if (!base || !over) return undefined;
  return {
    ...base,
    ...over,
    sourceLabels: { ...base.sourceLabels, ...over.sourceLabels },
    chartSummary: { ...base.chartSummary, ...over.chartSummary },
  } as Strings;
}
