import path from 'node:path';
import { rm } from 'node:fs/promises';
import { readdirSync, cpSync, linkSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, unlinkSync } from 'node:fs';

/**
 * Stage 8: the only stage that writes the output. Everything goes into a
 * staging folder beside the output; only a build that succeeded swaps it into
 * place, so a failed or interrupted build leaves the previous output intact.
 * A lock file keeps two builds from writing the same output at once.
 */
export interface Staging {
  dir: string;
  outDir: string;
}

export function startStaging(outDir: string): Staging {
  const parent = path.dirname(path.resolve(outDir));
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, `.${path.basename(outDir)}.staging-`));
  return { dir, outDir: path.resolve(outDir) };
}

export function writeFile(staging: Staging, rel: string, content: string | Uint8Array): string {
  const abs = path.join(staging.dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

export function copyFile(staging: Staging, rel: string, from: string): void {
  const abs = path.join(staging.dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  cpSync(from, abs);
}

/** A file that never changes in place (a package's font): hard-linked when the file system allows, else copied. */
export function linkFile(staging: Staging, rel: string, from: string): void {
  const abs = path.join(staging.dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  try {
    linkSync(from, abs);
  } catch {
    cpSync(from, abs);
  }
}

/** Keep parts of the previous output that this build does not produce (another language). */
export function carryOver(staging: Staging, rel: string): void {
  const prev = path.join(staging.outDir, rel);
  if (existsSync(prev) && !existsSync(path.join(staging.dir, rel))) cpSync(prev, path.join(staging.dir, rel), { recursive: true });
}

/**
 * Swap the staging folder into place: the old output is renamed away first,
 * then removed in the background (a build killed before that finishes leaves
 * it to the next build's sweepStale).
 */
export async function commit(staging: Staging): Promise<void> {
  const old = `${staging.dir}.old`;
  if (existsSync(staging.outDir)) renameSync(staging.outDir, old);
  renameSync(staging.dir, staging.outDir);
  pendingRemovals.add(rm(old, { recursive: true, force: true }).catch(() => undefined));
}

const pendingRemovals = new Set<Promise<unknown>>();

/** Wait for background removals (before the process exits). */
export async function settled(): Promise<void> {
  await Promise.all(pendingRemovals);
  pendingRemovals.clear();
}

export function discard(staging: Staging): void {
  rmSync(staging.dir, { recursive: true, force: true });
}

/** An exclusive lock beside the output folder; a lock left by a dead process is taken over. */
export function acquireLock(outDir: string, pid: number, isAlive: (pid: number) => boolean): (() => void) | string {
  const lock = `${path.resolve(outDir)}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch {
      let text = '';
      try {
        text = readFileSync(lock, 'utf8');
      } catch {
        continue; // released meanwhile: try again
      }
      const holder = Number(text);
      if (holder && isAlive(holder)) return `another build (process ${holder}) is writing ${outDir}`;
      // An empty lock is one being taken right now (created, pid not yet written), unless it is old.
      if (!text && Date.now() - statMtime(lock) < 10_000) return `another build is writing ${outDir}`;
      try {
        unlinkSync(lock);
      } catch {
        // someone else took it over first
      }
    }
  }
  return `could not lock ${outDir}`;
}

function statMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Remove staging folders left by builds that were killed (call while holding the lock). */
export function sweepStale(outDir: string): void {
  const parent = path.dirname(path.resolve(outDir));
  const base = `.${path.basename(outDir)}.staging-`;
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    if (name.startsWith(base)) rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}
