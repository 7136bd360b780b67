import path from 'node:path';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

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
