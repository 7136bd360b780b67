import path from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../scripts/incremental/lock.js';
import { cli, reportCopy } from '../helpers.js';

/** Pids in these tests: 901… are builds that died (their lock is stale); the rest are alive. */
const dead = new Set([901, 902, 903]);
const isAlive = (pid: number) => !dead.has(pid);

function outDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'lock-')), 'dist');
}

/** A lock left by a build that died holding it. */
function staleLock(out: string, pid = 901): void {
  expect(typeof acquireLock(out, pid, () => false)).toBe('function');
}

describe('the lock beside the output', () => {
  it('is held by one build at a time; the next is refused, naming the holder, until it is released', () => {
    const out = outDir();
    const a = acquireLock(out, 100, isAlive);
    expect(typeof a).toBe('function');
    expect(acquireLock(out, 200, isAlive)).toBe(`another build (process 100) is writing ${out}`);
    (a as () => void)();
    const b = acquireLock(out, 200, isAlive);
    expect(typeof b).toBe('function');
    (b as () => void)();
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('is taken over from a build that died holding it', () => {
    const out = outDir();
    staleLock(out);
    const a = acquireLock(out, 100, isAlive);
    expect(typeof a).toBe('function');
    expect(acquireLock(out, 200, isAlive)).toBe(`another build (process 100) is writing ${out}`);
    (a as () => void)();
  });

  it('is taken over by only one of two builds that find the same stale lock at once', () => {
    // B runs its whole takeover while A has read the stale lock and is asking whether its holder lives
    // (the moment A would act on what it read): exactly one of them may end up holding the lock.
    const out = outDir();
    staleLock(out);
    let b: ReturnType<typeof acquireLock> | undefined;
    const a = acquireLock(out, 100, (pid) => {
      if (pid === 901 && b === undefined) b = acquireLock(out, 200, isAlive);
      return isAlive(pid);
    });
    const held = [a, b].filter((r) => typeof r === 'function');
    expect(held, `A: ${String(a)}; B: ${String(b)}`).toHaveLength(1);
    expect([a, b].find((r) => typeof r === 'string')).toMatch(/^another build \(process (100|200)\) is writing /);
  });

  it('is not taken by a build that read a stale lock which was then taken over, released and taken afresh', () => {
    const out = outDir();
    staleLock(out);
    let c: ReturnType<typeof acquireLock> | undefined;
    const a = acquireLock(out, 100, (pid) => {
      if (pid === 901 && c === undefined) {
        const b = acquireLock(out, 200, isAlive);
        expect(typeof b).toBe('function');
        (b as () => void)();
        c = acquireLock(out, 300, isAlive);
      }
      return isAlive(pid);
    });
    expect(typeof c).toBe('function');
    expect(a).toBe(`another build (process 300) is writing ${out}`);
  });

  it('is taken over once from a chain of builds that each died holding it, and released whole', () => {
    const out = outDir();
    staleLock(out, 901);
    staleLock(out, 902); // took it over from 901, then died too
    staleLock(out, 903);
    const a = acquireLock(out, 100, isAlive);
    expect(typeof a).toBe('function');
    expect(acquireLock(out, 200, isAlive)).toBe(`another build (process 100) is writing ${out}`);
    (a as () => void)();
    expect(existsSync(`${out}.lock`)).toBe(false);
    const b = acquireLock(out, 200, isAlive);
    expect(typeof b).toBe('function');
    (b as () => void)();
  });

  it('takes over a lock file left by an earlier version of this code when its process is gone, and not otherwise', () => {
    const out = outDir();
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(`${out}.lock`, '100');
    expect(acquireLock(out, 200, isAlive)).toBe(`another build (process 100) is writing ${out}`);
    writeFileSync(`${out}.lock`, '901');
    const a = acquireLock(out, 200, isAlive);
    expect(typeof a).toBe('function');
    (a as () => void)();
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});

describe('where the output goes, taken by something else', () => {
  it('a file named like the output folder is left as it is, and the build says so and stops', async () => {
    const root = reportCopy('mini');
    try {
      writeFileSync(path.join(root, 'dist'), 'notes of mine');
      const r = await cli(['build', '--root', root, '--format', 'html']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(
        `dist  error  dist is a file, not a folder: the build would replace it with the report's output — move it, or build into another folder with --out DIR  [output-place]`,
      );
      expect(readFileSync(path.join(root, 'dist'), 'utf8')).toBe('notes of mine');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a link named like the lock is named at once, not waited for as another build', async () => {
    const root = reportCopy('mini');
    try {
      symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dist.lock'));
      const r = await cli(['build', '--root', root, '--format', 'html']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `dist.lock is a link, not a lock a build made: builds would wait for it forever — delete it  [output-place]`,
      );
      expect(r.stderr).not.toContain('[locked]');
      expect(existsSync(path.join(root, 'dist'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
