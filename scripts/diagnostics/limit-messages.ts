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
  'chapter-too-large': {
    severity: 'error',
    message: (kb, max) => `The chapter is ${kb} KB, more than the ${max} KB a chapter may be; it is not read`,
    hint: (max) => `split it into chapters of at most ${max} KB (NN-slug.md files, numbered in reading order)`,
  },
  'nested-too-deep': {
    severity: 'error',
    message: (cols, max) =>
      `This line's text starts ${cols} columns in, behind list and quote markers (more than ${max}); the chapter is not read`,
    hint: (depth) =>
      `nest lists and quotes at most ${depth} levels deep: flatten the inner levels into paragraphs or a table`,
  },
  'list-too-deep': {
    severity: 'error',
    message: (depth, max) =>
      `A list nested ${depth} levels deep: past ${max} levels its text runs off the printed page`,
    hint: (max) => `nest lists at most ${max} levels deep: flatten the inner levels into paragraphs or a table`,
  },
  'content-too-wide': {
    severity: 'error',
    message: (what) => `${what}: the PDF would cut it at the page's edge`,
    hint: () =>
      'give the table fewer columns (split it, or turn it so that rows become columns), or shorten what its cells hold',
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
