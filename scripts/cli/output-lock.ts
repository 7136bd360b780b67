import path from 'node:path';
import { acquireLock, outputPlaceProblem, sweepStale } from '../incremental/lock.js';
import { outputFailure } from '../stages/write-output.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Take the output folder for this process (build and dev write it): its release, or the one line that says
 * why not (the folder is a file, or another build holds its lock). Staging folders left by a killed build go.
 */
export function lockOutput(root: string, outDir: string): { release: () => void } | { problem: string } {
  const shown = path.relative(root, outDir) || outDir;
  const taken = outputPlaceProblem(outDir);
  if (taken) return { problem: `${shown}  error  ${taken.replaceAll(outDir, shown)}  [output-place]` };
  let lock: ReturnType<typeof acquireLock>;
  try {
    lock = acquireLock(outDir, process.pid, isAlive);
  } catch (e) {
    // (a folder above the output that cannot be written: read-only, or not this user's)
    return {
      problem: outputFailure(shown, `lock ${shown} (in ${path.dirname(outDir)})`, e, path.dirname(outDir)).message,
    };
  }
  if (typeof lock === 'string') return { problem: `${shown}  error  ${lock} — wait for it to finish  [locked]` };
  sweepStale(outDir, isAlive);
  return { release: lock };
}
