import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';

/**
 * An exclusive lock beside the output folder (`dist.lock`), taken over at once
 * from a build that died holding it (its process is gone).
 *
 * Each step that decides who holds the lock is one rename of a folder that
 * already names its owner (a file `owner`: pid and a random token), onto a
 * name that must not exist yet; a rename onto an existing folder fails, so of
 * several builds, however they interleave, exactly one can make each step:
 * - taking a free lock: a prepared `dist.lock/<token>/owner` is renamed to
 *   `dist.lock` (the token makes every lock taken afresh a new path);
 * - taking over from a dead owner: a prepared owner folder is renamed to
 *   `next` inside the dead owner's folder. A build that read the same dead
 *   owner and acts late finds `next` taken — or, when the lock has since been
 *   released and taken afresh, no such folder at all — and reads the lock
 *   again. The holder is the owner of the innermost folder of the chain;
 * - releasing: `dist.lock` (the whole chain) is renamed away, then deleted.
 * Deleting a lock read as stale and creating a new one instead — as this code
 * did, and as proper-lockfile 4.1.2 still does (moxystudio/node-proper-lockfile#121)
 * — lets a late build delete a lock just taken, and two builds both hold it.
 */
export function acquireLock(outDir: string, pid: number, isAlive: (pid: number) => boolean): (() => void) | string {
  const lock = `${path.resolve(outDir)}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  const token = `${pid}-${randomBytes(6).toString('hex')}`;
  /** `<candidate>/<token>/owner`: the whole candidate is a fresh lock; its inner folder is a takeover. */
  const candidate = `${lock}.${token}.new`;
  const mine = path.join(candidate, token);
  const release = () => {
    const away = `${lock}.${token}.released`;
    if (tryRename(lock, away)) rmSync(away, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (!existsSync(path.join(mine, 'owner'))) {
        mkdirSync(mine, { recursive: true });
        writeFileSync(path.join(mine, 'owner'), `${pid} ${token}`);
      }
      if (tryRename(candidate, lock)) return release;
      const holder = innermost(lock);
      if (!holder) continue; // released (or being taken) meanwhile: try again
      if (holder.pid > 0 && isAlive(holder.pid)) return `another build (process ${holder.pid}) is writing ${outDir}`;
      if (holder.legacy) {
        // A lock file left by an earlier version of this code (its pid only): moved away, and put back
        // if what was moved turns out to be a lock folder taken meanwhile.
        const away = `${lock}.${token}.stale`;
        if (tryRename(lock, away) && !rmIfFile(away)) tryRename(away, lock);
        continue;
      }
      if (tryRename(mine, path.join(holder.dir, 'next'))) return release;
    }
    return `could not lock ${outDir}`;
  } finally {
    rmSync(candidate, { recursive: true, force: true });
  }
}

/** Rename `from` to `to` unless `to` exists (or its folder no longer does). */
function tryRename(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch (e) {
    if (['ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR', 'EISDIR'].includes((e as NodeJS.ErrnoException).code ?? ''))
      return false;
    throw e;
  }
}

function rmIfFile(file: string): boolean {
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) return false;
  rmSync(file, { force: true });
  return true;
}

/** The lock's current owner: the owner of the innermost folder of its chain (undefined: no lock just now). */
function innermost(lock: string): { dir: string; pid: number; legacy?: boolean } | undefined {
  try {
    if (!statSync(lock).isDirectory()) return { dir: lock, pid: Number(readFileSync(lock, 'utf8')) || 0, legacy: true };
    const [root] = readdirSync(lock);
    if (!root) return undefined;
    let dir = path.join(lock, root);
    while (existsSync(path.join(dir, 'next'))) dir = path.join(dir, 'next');
    return { dir, pid: Number(readFileSync(path.join(dir, 'owner'), 'utf8').split(' ')[0]) || 0 };
  } catch {
    return undefined;
  }
}

/**
 * What stands where the build must write and is not the build's own (checked before the lock is taken):
 * a file where the output folder goes (the build would replace it), or a link or file named like its lock
 * (which no build makes, and which would make every build wait for a build that does not exist). A sentence
 * naming the path and what to do; undefined when both are free or the build's own.
 */
export function outputPlaceProblem(outDir: string): string | undefined {
  const kind = (p: string) => {
    try {
      const st = lstatSync(p);
      return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'folder' : 'file';
    } catch {
      return undefined;
    }
  };
  const out = kind(outDir);
  if (out === 'file' || (out === 'link' && !(existsSync(outDir) && statSync(outDir).isDirectory()))) {
    const what = `${outDir} is a ${out}, not a folder: the build would replace it with the report's output`;
    return `${what} — move it, or build into another folder with --out DIR`;
  }
  const lock = `${path.resolve(outDir)}.lock`;
  if (kind(lock) === 'link')
    return `${lock} is a link, not a lock a build made: builds would wait for it forever — delete it`;
  return undefined;
}

/** Remove staging folders left by builds that were killed, and lock folders they left half made (call while holding the lock). */
export function sweepStale(outDir: string, isAlive: (pid: number) => boolean = () => false): void {
  const parent = path.dirname(path.resolve(outDir));
  const base = `.${path.basename(outDir)}.staging-`;
  const lockPart = `${path.basename(outDir)}.lock.`;
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    const pid = name.startsWith(lockPart) ? Number(/^(\d+)-/.exec(name.slice(lockPart.length))?.[1]) : NaN;
    if (name.startsWith(base) || (pid > 0 && !isAlive(pid))) {
      try {
        rmSync(path.join(parent, name), { recursive: true, force: true });
      } catch {
        // (files this user may not delete, left by a build run as another: they stay; the build goes on)
      }
    }
  }
}
