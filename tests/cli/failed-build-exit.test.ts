import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { overlay, repo, reportCopy } from '../helpers.js';
import { startCli, waitFor } from '../procs.js';

/**
 * A build that fails once its charts are rendered (an error found by apply-templates), on a cold cache: its chart
 * downloads are being drawn, so a browser is being started for them as it fails. The process must end soon
 * after it says so — it used to stay alive 30 s more, on Puppeteer's wait for a page the closed browser never
 * opened.
 */
const root = reportCopy('mini');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a build that fails after its charts are drawn, on a cold cache', () => {
  it('exits within a few seconds of its message', async () => {
    overlay(root, path.join(repo, 'tests', 'fixtures', 'errors', 'duplicate-page-id'));
    const run = startCli(['build', '--root', root, '--format', 'html']);
    let said = 0;
    await waitFor(
      'the build to say it failed',
      () => {
        if (!said && /^build failed: /m.test(run.stderr)) said = performance.now();
        return said > 0;
      },
      240_000,
    );
    const { code } = await run.exit;
    const after = (performance.now() - said) / 1000;
    expect(code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/\[duplicate-page-id\]$/m);
    expect(run.stdout, 'the downloads had started a browser (the case this test is for)').toMatch(/^browser /m);
    expect(after, `exited ${after.toFixed(1)} s after "build failed"`).toBeLessThan(8);
  });
});
