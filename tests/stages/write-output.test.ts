import path from 'node:path';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, discard, startStaging, writeFile, writeLater } from '../../scripts/stages/write-output.js';

/**
 * Files made while the build goes on (a chart's download being drawn): the output is swapped into place only
 * once they are written, a failed one fails the swap and leaves the previous output as it was, and one made
 * after the build gave up writes nothing.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function outDir(): string {
  const parent = mkdtempSync(path.join(tmpdir(), 'write-output-'));
  dirs.push(parent);
  const out = path.join(parent, 'dist');
  mkdirSync(out);
  writeFileSync(path.join(out, 'old.txt'), 'previous build');
  return out;
}

function later<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Resolves on the next turn of the event loop: every promise job queued before it has run. */
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

describe('write-output: files written later', () => {
  it('swaps the output into place only once every later file is written', async () => {
    const out = outDir();
    const staging = startStaging(out);
    writeFile(staging, 'zh/index.html', '<p>page</p>');
    const png = later<Uint8Array>();
    writeLater(staging, 'zh/charts/fig-a.png', png.promise);
    const done = commit(staging, new Set());
    // commit does nothing timed: all it can do without the PNG it has done once the promise jobs it queued
    // have run, which is before the next turn of the event loop. It must still be waiting then.
    expect(await Promise.race([done.then(() => 'swapped'), nextTurn().then(() => 'waiting')])).toBe('waiting');
    expect(readFileSync(path.join(out, 'old.txt'), 'utf8')).toBe('previous build');
    expect(existsSync(staging.dir), 'the staging folder is still where the PNG goes').toBe(true);
    png.resolve(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await done;
    // The PNG went into the swapped output, not into a staging folder made anew after the swap.
    expect(existsSync(staging.dir)).toBe(false);
    expect(existsSync(path.join(out, 'old.txt'))).toBe(false);
    expect(readFileSync(path.join(out, 'zh/charts/fig-a.png'))).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(readFileSync(path.join(out, 'zh/index.html'), 'utf8')).toBe('<p>page</p>');
  });

  it('fails the swap when a later file fails, and the previous output stays', async () => {
    const out = outDir();
    const staging = startStaging(out);
    writeFile(staging, 'en/index.html', '<p>page</p>');
    writeLater(staging, 'en/charts/fig-a.svg', Promise.reject(new Error('the page closed while drawing')));
    await expect(commit(staging, new Set())).rejects.toThrow('the page closed while drawing');
    discard(staging);
    expect(readdirSync(out)).toEqual(['old.txt']);
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['dist']);
  });

  it('writes nothing for a file made after the build was discarded', async () => {
    const out = outDir();
    const staging = startStaging(out);
    const svg = later<string>();
    writeLater(staging, 'zh/charts/fig-a.svg', svg.promise);
    discard(staging);
    expect(staging.pending).toHaveLength(1);
    svg.resolve('<svg/>');
    // The file's turn came (the write that writeLater queued has run) and wrote nothing.
    await staging.pending[0];
    expect(existsSync(staging.dir)).toBe(false);
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['dist']);
  });
});

describe('write-output: modes', () => {
  // dist/ is served by a web server that may run as another user: the folders and files follow the umask
  // (0755 and 0644 under umask 022) as a folder or file made in the same place by mkdir or writeFile does.
  it('makes the output folder, its folders and its files as the umask says', async () => {
    const out = outDir();
    const parent = path.dirname(out);
    const staging = startStaging(out);
    writeFile(staging, 'en/index.html', '<p>page</p>');
    await commit(staging, new Set());
    mkdirSync(path.join(parent, 'like-a-folder'));
    writeFileSync(path.join(parent, 'like-a-file'), '');
    const mode = (p: string) => (statSync(path.join(parent, p)).mode & 0o777).toString(8);
    expect(mode('dist')).toBe(mode('like-a-folder'));
    expect(mode('dist/en')).toBe(mode('like-a-folder'));
    expect(mode('dist/en/index.html')).toBe(mode('like-a-file'));
    expect(mode('like-a-folder'), 'the umask this test ran under lets others read').not.toBe('700');
  });
});
