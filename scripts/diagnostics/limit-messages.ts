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
} satisfies Record<string, Entry>;
