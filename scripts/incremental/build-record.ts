import path from 'node:path';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { hashTree } from './inputs-hash.js';
import type { ValueRecord } from '../model/changes.js';
import type { OutputRecord } from '../model/output-record.js';

/**
 * What the last successful build of an output folder was made from and what it
 * wrote, kept in the cache folder (never published). A build whose inputs hash
 * the same as the last one's, and whose output is still as that build left it,
 * has nothing to do. Per output format and edition it also keeps the key of
 * what the output was made from, the files it wrote and the format's own state
 * (a PDF: where the TOC entries landed), so that an edition whose inputs did not
 * change keeps its output, and one that did is printed with the previous page
 * numbers as a first guess (usually right: one pass, not two).
 *
 * This module reads only node builtins so the CLI can consult it before loading
 * the pipeline.
 */
export interface BuildRecord {
  inputs: string;
  /** Output path (relative to the output folder) → sha256 of its bytes. */
  outputs: Record<string, string>;
  diagnostics: Diagnostic[];
  /** Per output format (outputs/registry.ts), per edition: what it was made from, the files it wrote, its own state. */
  formats: Record<string, Record<string, OutputRecord>>;
  /** Every value the build printed from data and where (the next build reports what changed). */
  values?: ValueRecord;
}

/** Where the record of the builds into `outDir` is kept. */
export function recordPath(cacheDir: string, outDir: string): string {
  const id = createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'builds', `${id}.json`);
}

export function readRecord(file: string): BuildRecord | undefined {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as BuildRecord;
    return typeof m.inputs === 'string' && m.outputs && m.formats ? m : undefined;
  } catch {
    return undefined;
  }
}

export function writeRecord(file: string, m: BuildRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(m));
  renameSync(tmp, file);
}

/** Whether `outDir` holds exactly what the manifest says the last build wrote. */
export function outputIntact(outDir: string, m: BuildRecord): boolean {
  const now = hashTree(outDir);
  const keys = Object.keys(m.outputs);
  return keys.length > 0 && keys.length === Object.keys(now).length && keys.every((k) => now[k] === m.outputs[k]);
}
