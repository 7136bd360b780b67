import path from 'node:path';
import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
import { EnvironmentError } from '../../scripts/diagnostics/catalogue.js';
import { options, reportCopy, snapshot } from '../helpers.js';

/**
 * The output folder where the system will not let it be replaced: a read-only mount (renaming a mount point
 * fails with EBUSY, whoever asks), a folder this user may not change (EACCES), a read-only file system (EROFS).
 * The tests run as root, whom chmod does not stop, so the failure is the file system's own answer given through
 * node:fs (the module write-output calls): `failing` names the call and the error code it answers with.
 */
const failing: { call?: 'rename-out' | 'rename-in' | 'mkdir'; code?: string } = {};
const fail = (syscall: string, p: string) =>
  Object.assign(new Error(`${failing.code}: simulated, ${syscall} '${p}'`), { code: failing.code, syscall });

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    const [a, b] = [String(from), String(to)];
    if (failing.call === 'rename-out' && path.basename(a) === 'dist' && b.endsWith('.old')) throw fail('rename', a);
    if (failing.call === 'rename-in' && path.basename(b) === 'dist' && !a.endsWith('.old')) throw fail('rename', a);
    return fs.renameSync(from, to);
  };
  // The staging folder is made with mkdirSync (a UUID name: write-output.ts), which fails first on a read-only mount.
  const mkdirSync = ((p: import('node:fs').PathLike, o?: never) => {
    if (failing.call === 'mkdir' && String(p).includes('.dist.staging-')) throw fail('mkdir', String(p));
    return fs.mkdirSync(p, o);
  }) as typeof fs.mkdirSync;
  return { ...fs, default: { ...fs, renameSync, mkdirSync }, renameSync, mkdirSync };
});

const session = newSession();
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
beforeEach(() => {
  delete failing.call;
  delete failing.code;
});

/** The mini report with a last output in dist/ (one file a build would not make), built once more with `failing` set. */
async function buildFailing(call: NonNullable<typeof failing.call>, code: string) {
  const root = reportCopy('mini');
  roots.push(root);
  const dist = path.join(root, 'dist');
  mkdirSync(dist);
  writeFileSync(path.join(dist, 'last.txt'), 'the last build');
  const before = snapshot(dist);
  Object.assign(failing, { call, code });
  const opts = options(root, dist, { formats: ['html'], session });
  const error = await build(opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  await settled(session);
  return { error, before, after: snapshot(dist), beside: readdirSync(root).filter((n) => n.startsWith('.dist')) };
}

describe('an output folder that cannot be replaced', () => {
  it('a mount point (rename fails with EBUSY): one catalogue line saying what to do, dist as it was, no staging folder left', async () => {
    const r = await buildFailing('rename-out', 'EBUSY');
    expect(r.error).toBeInstanceOf(EnvironmentError);
    expect((r.error as Error).message).toBe(
      'dist  error  Could not move the last output (dist) aside to put the new one in its place: the folder is a mount point (a container volume?) or in use, and a mount point cannot be moved (EBUSY) — build into a folder inside it (--out dist/site), or mount the folder above it instead; dist is as it was  [output-write]',
    );
    expect(r.after).toEqual(r.before);
    expect(r.beside).toEqual([]);
  });

  it('the new output refused after the last was moved aside (EACCES): the last put back, nothing left beside it', async () => {
    const r = await buildFailing('rename-in', 'EACCES');
    expect((r.error as Error).message).toMatch(
      /^dist {2}error {2}Could not move the new output into dist: this user may not change .* \(EACCES\) — give this user write access .*; dist is as it was {2}\[output-write\]$/,
    );
    expect(r.after).toEqual(r.before);
    expect(r.beside).toEqual([]);
  });

  it('no staging folder can be made beside it (EROFS): one line, dist as it was', async () => {
    const r = await buildFailing('mkdir', 'EROFS');
    expect((r.error as Error).message).toMatch(
      /^dist {2}error {2}Could not make the new output beside dist \(in .*\): the file system is read-only \(EROFS\) — build into a writable folder with --out DIR; dist is as it was {2}\[output-write\]$/,
    );
    expect(r.after).toEqual(r.before);
    expect(r.beside).toEqual([]);
  });
});
