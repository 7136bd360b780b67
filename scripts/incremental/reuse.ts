import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { hashBytes, hashTree } from './inputs-hash.js';
import type { BuildRecord } from './build-record.js';

/** What lets a build keep an output of the last one instead of making it again. */

/**
 * A key of the files under `dir` that `include` names (paths relative to `dir`), with `extra` (metadata, a
 * date): what an output made from those files depends on. Files it does not name (another format's output,
 * downloads) never change the key.
 */
export function filesKey(dir: string, include: (rel: string) => boolean, extra: unknown): string {
  const parts = Object.entries(hashTree(dir)).filter(([rel]) => include(rel.split(path.sep).join('/')));
  return hashBytes(JSON.stringify([parts, extra]));
}

/** A file of the previous output, if it is still the one the last build wrote. */
export function previousOutput(previous: BuildRecord | undefined, outDir: string, rel: string): Buffer | undefined {
  const want = previous?.outputs[rel];
  const file = path.join(outDir, rel);
  if (!want || !existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  return hashBytes(bytes) === want ? bytes : undefined;
}
