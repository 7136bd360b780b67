import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from './diagnostics.js';

/**
 * What the last successful build of an output folder was made from and what it
 * wrote, kept in the cache folder (never published). A build whose inputs hash
 * the same as the last one's, and whose output is still as that build left it,
 * has nothing to do. Per edition it also keeps the key of the HTML its PDF was
 * printed from and where the TOC entries landed, so that an edition whose HTML
 * did not change reuses its PDF, and one that did change is printed with the
 * previous page numbers as a first guess (usually right: one pass, not two).
 *
 * This module reads only node builtins so the CLI can consult it before loading
 * the pipeline.
 */
export interface Manifest {
  inputs: string;
  /** Output path (relative to the output folder) → sha256 of its bytes. */
  outputs: Record<string, string>;
  diagnostics: Diagnostic[];
  editions: Record<string, { pdfKey: string; pdfFile: string; tocPages: Record<string, number> }>;
}

/** The report's input files: the report's own folders and the pipeline itself. */
const inputParts = ['report.yaml', 'content', 'data', 'templates'];

export function manifestPath(cacheDir: string, outDir: string): string {
  const id = createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'builds', `${id}.json`);
}

/** One hash over every input file (path and bytes), the pipeline's code and lockfile, and the options. */
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
  for (const part of ['scripts', 'package-lock.json']) add(packageDir, part);
  return h.digest('hex');
}

export function hashBytes(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readManifest(file: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return typeof m.inputs === 'string' && m.outputs && m.editions ? m : undefined;
  } catch {
    return undefined;
  }
}

export function writeManifest(file: string, m: Manifest): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(m));
  renameSync(tmp, file);
}

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

/** Whether `outDir` holds exactly what the manifest says the last build wrote. */
export function outputIntact(outDir: string, m: Manifest): boolean {
  const now = hashTree(outDir);
  const keys = Object.keys(m.outputs);
  return keys.length > 0 && keys.length === Object.keys(now).length && keys.every((k) => now[k] === m.outputs[k]);
}
