import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { closePages, openPages } from '../../scripts/browser/page-pool.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { closeTestBrowser, repo, testBrowser } from '../helpers.js';

/**
 * A build opens its chart-download pages and its print pages at once, each set loading a host file it writes
 * and removes. Opened in the same millisecond, the sets must not share a file (one set removing it under the
 * other: net::ERR_FILE_NOT_FOUND, about one build in twenty).
 */
const dir = mkdtempSync(path.join(tmpdir(), 'report-page-pool-'));
afterAll(async () => {
  await closeTestBrowser();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (): BuildContext => ({
  root: repo,
  packageDir: repo,
  cacheDir: dir,
  diagnostics: new Diagnostics(),
  log: () => undefined,
  browser: () => testBrowser(),
  browserTimeoutMs: 60_000,
  session: newSession(),
});

describe('pages opened at once', () => {
  it('each set loads its own host file, however many are opened in the same moment', async () => {
    const c = ctx();
    await c.browser();
    for (let round = 0; round < 3; round++) {
      const sets = Array.from({ length: 4 }, () =>
        openPages(c, { count: 1, html: '<p>host</p>', hostDir: dir, allowedDirs: [dir] }),
      );
      const opened = await Promise.allSettled(sets);
      await Promise.all(sets.map((s) => closePages(s)));
      expect(opened.map((o) => (o.status === 'fulfilled' ? 'opened' : String(o.reason)))).toEqual([
        'opened',
        'opened',
        'opened',
        'opened',
      ]);
    }
  });
});
