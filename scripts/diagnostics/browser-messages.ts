import type { Entry } from './entry.js';

/** The browser, found, started or lost: the place is its executable (or what was looked at); the CLI prints one line (EnvironmentError). */
export const browserMessages = {
  'no-browser': { severity: 'error', message: (why) => why, hint: (what) => what },
  'browser-unpack': {
    severity: 'error',
    message: (why) => `Could not unpack the Chromium that comes with npm (${why})`,
    hint: () =>
      'free some disk space or make the folder writable, or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium',
  },
  'browser-start': {
    severity: 'error',
    message: (why) => `The browser did not start: ${why}`,
    hint: (extra) => `check that it is a working Chromium or Chrome, or set PUPPETEER_EXECUTABLE_PATH to one${extra}`,
  },
  'browser-crashed': {
    severity: 'error',
    message: (doing) => `The browser crashed or was killed ${doing}`,
    hint: () => 'try again; if it persists, check free memory or run with --verbose',
  },
  'browser-timeout': {
    severity: 'error',
    message: (doing, secs) => `The browser stopped responding ${doing} (no answer within ${secs} s)`,
    hint: () => 'try again; if it persists, check free memory, raise --browser-timeout or run with --verbose',
  },
} satisfies Record<string, Entry>;
