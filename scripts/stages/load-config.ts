import { urlScheme } from '../sources/link-schemes.js';
import path from 'node:path';
import type { BuildContext } from '../context.js';
import { loadYamlFile, type YamlFile } from '../sources/yaml.js';
import { validate } from '../sources/validate.js';
import { nearest } from '../diagnostics/did-you-mean.js';
import type { ReportConfig } from '../model/config.js';
import { parseLength, parseTrim, trimSizes } from '../model/press-geometry.js';

const edition = {
  type: 'object',
  required: ['title', 'shortTitle', 'authorGroup', 'authors', 'institution', 'subject', 'keywords', 'description'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1 },
    shortTitle: { type: 'string', minLength: 1 },
    subtitle: { type: 'string' },
    titleNote: { type: 'string' },
    authorGroup: { type: 'string' },
    authors: { type: 'array', items: { type: 'string' }, minItems: 1 },
    institution: { type: 'string' },
    contact: { type: 'string' },
    subject: { type: 'string' },
    keywords: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' },
  },
};

const press = {
  type: 'object',
  additionalProperties: false,
  properties: {
    trim: { type: 'string', minLength: 1 },
    bleed: { type: 'string', minLength: 1 },
    marks: { type: 'array', items: { enum: ['crop', 'registration', 'colour-bars'] }, uniqueItems: true },
    slug: { type: 'boolean' },
    colour: { enum: ['rgb', 'cmyk'] },
    profile: { type: 'string', minLength: 1 },
  },
};

const perLanguage = (value: object) => ({
  type: 'object',
  additionalProperties: false,
  properties: { zh: value, en: value },
});

/**
 * Citations (docs/authoring.md): a CSL style file per language, in place of the built-in one; a bibliography at
 * the end of each edition (`true`: titled from theme strings; or a title per language).
 */
const citations = {
  type: 'object',
  additionalProperties: false,
  properties: {
    style: perLanguage({ type: 'string', pattern: '\\.csl$' }),
    // true, or a title per language (the keywords of an object apply to an object only).
    bibliography: { ...perLanguage({ type: 'string', minLength: 1 }), type: ['boolean', 'object'] },
  },
};

export const schema = {
  type: 'object',
  required: ['id', 'date', 'languages', 'sourceLanguage', 'editions'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    date: { type: 'string', format: 'date' },
    languages: { type: 'array', items: { enum: ['zh', 'en'] }, minItems: 1, uniqueItems: true },
    sourceLanguage: { enum: ['zh', 'en'] },
    baseUrl: { type: 'string' },
    pdfStandard: { enum: ['ua-1'] },
    // Output formats a full build adds (checked against the formats the build offers: see formatsListed).
    formats: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    notes: { enum: ['footnotes', 'sections', 'endnotes'] },
    noteNumbering: { enum: ['edition', 'page'] },
    editions: { type: 'object', properties: { zh: edition, en: edition }, additionalProperties: false },
    press,
    citations,
  },
};

/**
 * Stage 1: report.yaml → ReportConfig (validated). `optional`: the output formats `formats:` may list (the
 * caller's registry's: this stage knows no format).
 */
export function loadConfig(ctx: BuildContext, optional: readonly string[] = []): ReportConfig | undefined {
  const doc = loadYamlFile(
    ctx,
    path.join(ctx.root, 'report.yaml'),
    "every report root has a report.yaml (see the repository's own)",
  );
  if (!doc || !validate(ctx, schema, doc)) return undefined;
  const config = doc.value as ReportConfig;
  if (!config.languages.includes(config.sourceLanguage)) {
    ctx.diagnostics.report(
      'config',
      doc.at(['sourceLanguage']),
      [`the source language "${config.sourceLanguage}" is not one of the languages (${config.languages.join(', ')})`],
      ['list it under languages, or name one of them as sourceLanguage'],
    );
    return undefined;
  }
  if (config.baseUrl !== undefined && !['http', 'https'].includes(urlScheme(config.baseUrl) ?? '')) {
    ctx.diagnostics.report(
      'config',
      doc.at(['baseUrl']),
      [
        `baseUrl "${config.baseUrl}" is not a web address: the editions' canonical links and shared links start with it`,
      ],
      ['write the address the report is published at, starting with https://'],
    );
    return undefined;
  }
  if (!pressSizesRead(ctx, config, doc) || !formatsListed(ctx, config, doc, optional)) return undefined;
  for (const lang of config.languages) {
    if (!config.editions[lang]) {
      ctx.diagnostics.report('config', doc.at(['editions']), [`no edition metadata for language "${lang}"`]);
      return undefined;
    }
  }
  // Print sets notes at the foot of their pages unless report.yaml says otherwise.
  const notes = config.notes ?? 'footnotes';
  if (config.noteNumbering === 'page' && notes !== 'footnotes') {
    ctx.diagnostics.report(
      'config',
      doc.at(['noteNumbering']),
      [`noteNumbering: page numbers the notes at each page's foot, and notes: ${notes} prints none there`],
      ['remove noteNumbering, or write notes: footnotes'],
    );
    return undefined;
  }
  return { ...config, notes };
}

/** Each name under `formats:` one of the optional formats (html, pdf and press are made anyway), or reported at its line. */
function formatsListed(ctx: BuildContext, config: ReportConfig, doc: YamlFile, optional: readonly string[]): boolean {
  const wrong = (config.formats ?? []).map((name, i) => ({ name, i })).filter(({ name }) => !optional.includes(name));
  for (const { name, i } of wrong) {
    const near = nearest(name, optional);
    ctx.diagnostics.report(
      'config',
      doc.at(['formats', i]),
      [`formats lists "${name}"${near ? ` (did you mean "${near}"?)` : ''}, which is not a format report.yaml can add`],
      [`list any of ${optional.join(', ')}; html and pdf are always made, and press: asks for the press PDF`],
    );
  }
  return wrong.length === 0;
}

/** press.trim and press.bleed read as sizes, or reported at their lines. */
function pressSizesRead(ctx: BuildContext, config: ReportConfig, doc: YamlFile): boolean {
  const { trim, bleed } = config.press ?? {};
  if (trim !== undefined && !parseTrim(trim)) {
    ctx.diagnostics.report(
      'config',
      doc.at(['press', 'trim']),
      [`press.trim "${trim}" is neither a page size nor a width and a height`],
      [`write one of ${Object.keys(trimSizes).join(', ')}, or the width and height such as "185mm 260mm"`],
    );
    return false;
  }
  if (bleed !== undefined && parseLength(bleed) === undefined) {
    ctx.diagnostics.report(
      'config',
      doc.at(['press', 'bleed']),
      [`press.bleed "${bleed}" is not a length`],
      ['write a number and its unit (mm, cm, in or pt), such as 3mm'],
    );
    return false;
  }
  return true;
}
