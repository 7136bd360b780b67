import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Rebuilder } from '../../scripts/dev/rebuild.js';
import { newSession } from '../../scripts/context.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';

/**
 * What a rebuild of dev mode says it was made after: the files saved before it started. A save that comes while
 * it runs is the next rebuild's to name (dev mode once cleared it with the rebuild's own: the next save's rebuild
 * then said "rebuilt HTML" after no file at all).
 */
const root = reportCopy('mini');
afterAll(async () => {
  await closeTestBrowser();
  rmSync(root, { recursive: true, force: true });
});

describe('a rebuild of dev mode', () => {
  it('names the files saved before it, and leaves a file saved while it runs to the next rebuild', async () => {
    const lines: string[] = [];
    const build = options(root, path.join(root, 'dist'), { session: newSession(), log: (l) => lines.push(l) });
    const rebuilder = new Rebuilder({ build, print: () => undefined, fullBuildKey: 'test' });
    rebuilder.changed.add('report.yaml');
    const first = rebuilder.run('each-save');
    rebuilder.changed.add('content/zh/01-main.md'); // (saved while the rebuild runs: it has read the files)
    expect(await first).toBe(true);
    expect(await rebuilder.run('each-save')).toBe(true);
    expect(lines.filter((l) => l.startsWith('rebuilt '))).toEqual([
      expect.stringMatching(/^rebuilt HTML after report\.yaml in \d+ ms$/),
      expect.stringMatching(/^rebuilt HTML after content\/zh\/01-main\.md in \d+ ms$/),
    ]);
    expect(await rebuilder.run('each-save')).toBe(true);
    expect(lines.at(-1)).toMatch(/^rebuilt HTML in \d+ ms$/);
  });
});
