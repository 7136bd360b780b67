import { describe, expect, it } from 'vitest';
import { browserFault } from '../../scripts/browser/faults.js';

const info = (disconnected: boolean) => ({
  executablePath: '/usr/bin/chromium',
  timeoutMs: 30_000,
  doing: 'while printing the PDF',
  disconnected,
});
const rule = (e: Error, disconnected: boolean) =>
  /\[([a-z-]+)\]$/.exec(browserFault(e, info(disconnected))?.message ?? '')?.[1];

describe('browserFault (what a Puppeteer error in the middle of a build is called)', () => {
  it('calls the errors a page gives as Chromium dies under it a crash, once the browser is seen to disconnect', () => {
    // Seen when Chromium was killed mid-build: a page's frames are torn down before the connection's end is read.
    for (const message of [
      "Attempted to use detached Frame 'C649848666A0428513CFE29E7DD7DCDD'.",
      'Requesting main frame too early!',
      'Navigating frame was detached',
      'Execution context was destroyed',
    ]) {
      expect(rule(new Error(message), true), message).toBe('browser-crashed');
      // The same error with the browser still there is not called a crash: it stays an internal error, shown as it is.
      expect(rule(new Error(message), false), message).toBeUndefined();
    }
  });

  it('calls a lost connection a crash at once, a timeout a timeout, and anything else nothing', () => {
    expect(rule(new Error('Protocol error (Runtime.callFunctionOn): Target closed'), false)).toBe('browser-crashed');
    expect(rule(new Error('Timed out after waiting 30000ms'), false)).toBe('browser-timeout');
    expect(rule(new TypeError("Cannot read properties of undefined (reading 'x')"), true)).toBeUndefined();
  });
});
