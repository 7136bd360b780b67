import path from 'node:path';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { watchTree, type Watcher } from '../../scripts/dev/watch.js';
import { waitFor } from '../procs.js';

let watcher: Watcher | undefined;
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
});

function report(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'watch-'));
  mkdirSync(path.join(root, 'content', 'zh'), { recursive: true });
  writeFileSync(path.join(root, 'content', 'zh', '01-main.md'), 'one');
  writeFileSync(path.join(root, 'report.yaml'), 'id: x');
  writeFileSync(path.join(root, 'notes.txt'), 'not watched');
  return root;
}

describe('the dev watcher', () => {
  it('sees saves in place and by rename (every time), new folders and the files in them, and report.yaml', async () => {
    const root = report();
    const seen: string[] = [];
    watcher = watchTree(root, ['content', 'data', 'report.yaml'], {
      change: (rel) => seen.push(rel),
      error: (e) => seen.push(`error: ${e.message}`),
    });
    await watcher.ready;
    const chapter = path.join(root, 'content', 'zh', '01-main.md');
    for (const word of ['two', 'three']) {
      const n = seen.length;
      writeFileSync(`${chapter}.new`, word);
      renameSync(`${chapter}.new`, chapter);
      await waitFor(`the rename save of "${word}"`, () => seen.slice(n).includes('content/zh/01-main.md'), 60_000);
    }
    writeFileSync(chapter, 'in place');
    mkdirSync(path.join(root, 'content', 'en'));
    writeFileSync(path.join(root, 'content', 'en', '01-main.md'), 'new');
    await waitFor('a file in a new folder', () => seen.includes('content/en/01-main.md'), 60_000);
    writeFileSync(path.join(root, 'report.yaml'), 'id: y');
    await waitFor('report.yaml', () => seen.includes('report.yaml'), 60_000);
    expect(seen.filter((s) => s.startsWith('error') || s === 'notes.txt')).toEqual([]);
  });

  it('hands a watching error (out of inotify watches, …) to its listener instead of crashing, and keeps watching', async () => {
    const root = report();
    const seen: string[] = [];
    const errors: string[] = [];
    watcher = watchTree(root, ['content'], { change: (rel) => seen.push(rel), error: (e) => errors.push(e.message) });
    await watcher.ready;
    watcher.emit(
      'error',
      Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' }),
    );
    expect(errors).toEqual(['ENOSPC: System limit for number of file watchers reached']);
    writeFileSync(path.join(root, 'content', 'zh', '01-main.md'), 'after the error');
    await waitFor('a save after the error', () => seen.includes('content/zh/01-main.md'), 60_000);
  });
});
