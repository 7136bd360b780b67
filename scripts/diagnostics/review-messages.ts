import type { Entry } from './entry.js';

/** Problems with a file given to `npm run review`. */
export const reviewMessages = {
  'review-file': {
    severity: 'error',
    message: (why) => `Cannot read the review: the file ${why}`,
    hint: () => 'give a DOCX edition the build wrote (npm run build -- --format docx), as the reviewers sent it back',
  },
} satisfies Record<string, Entry>;
