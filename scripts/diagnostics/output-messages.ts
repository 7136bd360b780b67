import type { Entry } from './entry.js';

/** What a finished output fails: the place is the output file (under dist/). */
export const outputMessages = {
  'pdf-ua': {
    severity: 'error',
    message: (rule, page, what) =>
      `The PDF does not meet PDF/UA-1 (Matterhorn Protocol ${rule}${page ? `, page ${page}` : ''}): ${what}`,
    hint: (fix) => `${fix} (docs/accessibility.md)`,
  },
} satisfies Record<string, Entry>;
