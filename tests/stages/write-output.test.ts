import path from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('write-output: files written later', () => {
  it('swaps the output into place only once every later file is written', async () => {
    const out = outDir();
    const staging = startStaging(out);
    writeFile(staging, 'zh/index.html', '<p>page</p>');
    const png = later<Uint8Array>();
    writeLater(staging, 'zh/charts/fig-a.png', png.promise);
    let swapped = false;
    const done = commit(staging, new Set()).then(() => (swapped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(swapped).toBe(false);
    expect(readFileSync(path.join(out, 'old.txt'), 'utf8')).toBe('previous build');
    png.resolve(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await done;
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
    svg.resolve('<svg/>');
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(staging.dir)).toBe(false);
    expect(readdirSync(path.dirname(out)).sort()).toEqual(['dist']);
  });
});
