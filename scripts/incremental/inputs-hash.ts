import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

/** Hashes of what a build reads and writes (node builtins only: the CLI uses them before loading the pipeline). */

/** Every file under `dir` (relative path → sha256). */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out[r] = hashBytes(readFileSync(path.join(dir, r)));
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

/** The report's input files: the report's own folders and the pipeline itself. */
const inputParts = ['report.yaml', 'content', 'data', 'templates'];


/** One hash over every input file (path and bytes), the pipeline's code (bin/, scripts/), built-in theme and lockfile, and the options. */
export function inputsHash(root: string, packageDir: string, options: unknown): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(options));
  const add = (base: string, rel: string) => {
    const abs = path.join(base, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (!name.startsWith('.')) add(base, path.join(rel, name));
    } else {
      h.update(`\0${rel}\0`);
      h.update(readFileSync(abs));
    }
  };
  for (const part of inputParts) add(root, part);
  for (const part of ['bin', 'scripts', 'theme', 'package-lock.json']) add(packageDir, part);
  return h.digest('hex');
}

export function hashBytes(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
