import type { Entry } from './entry.js';

/**
 * Inputs a build cannot take as they are: chapters that clash, helpers prose may not use, a chapter past the size
 * the build handles, content wider or deeper than the page, an output folder that cannot be replaced.
 */
export const limitMessages = {
  'duplicate-chapter-number': {
    severity: 'error',
    message: (n, other) => `Two chapters are numbered ${n} in this language: this file and ${other}`,
    hint: () => 'give each chapter its own number (NN-slug.md: 01, 02, …), the same number in both languages',
  },
  'prose-helper': {
    severity: 'error',
    message: (what) => `${what} cannot be used in a chapter (Handlebars would print nothing in its place)`,
    hint: (list) =>
      `a chapter's helpers are ${list}, each a {{…}} of its own: no blocks, no lookup, with or each; see docs/authoring.md`,
  },
  'prose-partial': {
    severity: 'error',
    message: (what) => `${what}: partials cannot be placed in a chapter (only {{> byline}} can)`,
    hint: (list) =>
      `the theme's and the report's partials belong in the layout and other partials; a chapter's helpers are ${list}`,
  },
  'output-write': {
    severity: 'error',
    message: (doing, why) => `Could not ${doing}: ${why}`,
    hint: (what) => what,
  },
} satisfies Record<string, Entry>;
