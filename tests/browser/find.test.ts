import { describe, expect, it } from 'vitest';
import { cli, reportCopy } from '../helpers.js';

describe('without a browser', () => {
  it('stops with one line saying how to get one, and no stack trace', async () => {
    const r = await cli(['build', '--root', reportCopy('mini'), '--quiet'], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.includes('warning'));
    expect(lines).toEqual([expect.stringMatching(/^No Chromium or Chrome found: install one \(Debian: apt-get install chromium\) or set PUPPETEER_EXECUTABLE_PATH/)]);
  });
});
