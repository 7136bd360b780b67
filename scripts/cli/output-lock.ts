import path from 'node:path';
import { acquireLock, outputPlaceProblem, sweepStale } from '../incremental/lock.js';

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
  const lock = acquireLock(outDir, process.pid, isAlive);
  if (typeof lock === 'string') return { problem: `${shown}  error  ${lock} — wait for it to finish  [locked]` };
  sweepStale(outDir, isAlive);
  return { release: lock };
}
