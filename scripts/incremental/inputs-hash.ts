import path from 'node:path';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';

/** Hashes of what a build reads and writes (node builtins only: the CLI uses them before loading the pipeline). */

/**
 * Every file under `dir` (relative path → sha256 of its bytes). Links are
 * followed, but a folder already on the way down (a link that loops) is not
 * entered again; what cannot be read (a link to nothing, no permission) is
 * recorded as such rather than thrown, so that a broken report can still be
 * hashed and then built, to be told what is wrong.
 */
export function hashTree(dir: string, skip: (name: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string, seen: Set<string>) => {
    const abs = path.join(dir, rel);
    let real: string;
    let names: string[];
    try {
      real = realpathSync(abs);
      if (seen.has(real)) return void (out[rel] = 'loop');
      names = readdirSync(abs).sort();
    } catch (e) {
      return void (out[rel] = `unreadable ${(e as NodeJS.ErrnoException).code}`);
    }
    for (const name of names) {
      if (skip(name)) continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = stat(path.join(dir, r));
      if (st?.isDirectory()) walk(r, new Set([...seen, real]));
      else out[r] = st?.isFile() ? hashFile(path.join(dir, r)) : 'missing';
    }
  };
  if (stat(dir)?.isDirectory()) walk('', new Set());
  return out;
}

/** What a path leads to, following links; undefined for nothing (no file, a link to nothing, a link that loops). */
function stat(abs: string): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function hashFile(abs: string): string {
  try {
    return hashBytes(readFileSync(abs));
  } catch (e) {
    return `unreadable ${(e as NodeJS.ErrnoException).code}`;
  }
}

/** The report's input files: the report's own folders and the pipeline itself. */
const inputParts = ['report.yaml', 'content', 'data', 'templates', 'images', 'assets'];

/** One hash over every input file (path and bytes), the pipeline's code (bin/, scripts/), built-in theme and lockfile, and the options. */
export function inputsHash(root: string, packageDir: string, options: unknown): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(options));
  const add = (base: string, part: string) => {
    const abs = path.join(base, part);
    const st = stat(abs);
    const files = st?.isDirectory()
      ? hashTree(abs, (name) => name.startsWith('.'))
      : st?.isFile()
        ? { '': hashFile(abs) }
        : {};
    for (const [rel, hash] of Object.entries(files)) h.update(`\0${path.join(part, rel)}\0${hash}`);
  };
  for (const part of inputParts) add(root, part);
  for (const part of ['bin', 'scripts', 'theme', 'package-lock.json']) add(packageDir, part);
  return h.digest('hex');
}

export function hashBytes(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
