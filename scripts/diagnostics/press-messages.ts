import type { Entry } from './entry.js';

/** Problems making the press PDF (report.yaml `press:`, outputs/press/). */
export const pressMessages = {
  'press-trim': {
    severity: 'error',
    message: (asked, printed) =>
      `press.trim asks for ${asked} pages, but the print stylesheet's pages are ${printed}: ` +
      "a press PDF is the screen PDF's pages, cut to the trim",
    hint: (printed) =>
      `set the same size in both: press.trim ${printed}, or @page { size: … } in templates/styles/print.css`,
  },
  'press-ghostscript': {
    severity: 'warning',
    message: () =>
      'press.colour is cmyk, but Ghostscript (gs) is not installed: the press PDF is written as RGB PDF/X-4',
    hint: () =>
      'install Ghostscript (apt-get install ghostscript, brew install ghostscript) and build again to have it converted to CMYK',
  },
  'press-preflight': {
    severity: 'warning',
    message: (check, page, what) =>
      `The press PDF fails our preflight (${check}${page ? `, page ${page}` : ''}): ${what}`,
    hint: () => 'see what the check asks for in docs/print.md ("Our preflight") before the file goes to the printer',
  },
  'press-ghostscript-failed': {
    severity: 'error',
    message: (why) => `Ghostscript could not convert the press PDF to CMYK: ${why}`,
    hint: () => 'check press.profile is a CMYK ICC profile (output class prtr), or set press.colour to rgb',
  },
} satisfies Record<string, Entry>;
