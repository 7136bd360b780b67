import type { Entry } from './entry.js';

/** The translation out of step with its source (align-translation, `npm run check --accept`). */
export const translationMessages = {
  'stale-translation': {
    severity: 'warning',
    message: (en, before, after) => `Changed since ${en} was translated: “${before}” → “${after}”`,
    hint: (en, accept) => `revise the translation at ${en}, then record it: ${accept}`,
  },
  'untranslated-unit': {
    severity: 'warning',
    message: (kind, lang, text) => `This ${kind} has no ${lang} translation: “${text}”`,
    hint: (where, accept) => `translate it ${where}, then record it: ${accept}`,
  },
  'orphan-translation': {
    severity: 'warning',
    message: (kind, what) => `This ${kind} ${what}`,
    hint: (accept) => `delete it (or restore its source), then record the chapter: ${accept}`,
  },
  'unrecorded-translation': {
    severity: 'warning',
    message: (kind, lang, src) => `No ${lang} source text is recorded for this ${kind} (it stands where ${src} does)`,
    hint: (accept) => `check that it translates that, then record it: ${accept}`,
  },
  'no-alignment': {
    severity: 'warning',
    message: (lang, sidecar) =>
      `No record of the ${lang} text this chapter was translated from (${sidecar} is missing)`,
    hint: (accept) => `once the translation is in step, record it: ${accept}`,
  },
  'obsolete-source-hash': {
    severity: 'warning',
    message: (sidecar) => `"source-hash" is no longer used: the translation is followed unit by unit in ${sidecar}`,
    hint: (accept) => `delete the line; ${accept} records the alignment once the translation is in step`,
  },
  'pair-mismatch': {
    severity: 'warning',
    message: (kind, lang, src, list) => `This ${kind} and its ${lang} source ${src} differ: ${list}`,
    hint: (accept) =>
      `correct whichever side is wrong; if both are right (a link to each edition's own page), record the difference as meant: ${accept}`,
  },
  'accept-target': { severity: 'error', message: (d) => d, hint: (h) => h },
  'title-differs': {
    severity: 'warning',
    message: (fm, heading) =>
      `The front matter's title "${fm}" differs from the chapter's heading "${heading}": the heading wins`,
    hint: () => 'the title comes from the "#" heading; remove title: from the front matter or make it the same',
  },
} satisfies Record<string, Entry>;
