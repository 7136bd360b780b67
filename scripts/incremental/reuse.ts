import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { EditionMeta } from '../model/config.js';
import { hashBytes, hashTree } from './inputs-hash.js';
import type { BuildRecord } from './build-record.js';

/** What lets a build keep an output of the last one instead of making it again. */

/** What an edition's PDF is printed from: its HTML and assets (not its data and chart downloads), metadata and date. */
export function pdfKey(editionDir: string, meta: EditionMeta, date: Date): string {
  const tree = hashTree(editionDir);
  const parts = Object.entries(tree).filter(([rel]) => !rel.startsWith('data/') && !rel.startsWith('charts/') && !rel.endsWith('.pdf'));
  return hashBytes(JSON.stringify([parts, meta, date.toISOString()]));
}

/** A file of the previous output, if it is still the one the last build wrote. */
export function previousOutput(previous: BuildRecord | undefined, outDir: string, rel: string): Buffer | undefined {
  const want = previous?.outputs[rel];
  const file = path.join(outDir, rel);
  if (!want || !existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  return hashBytes(bytes) === want ? bytes : undefined;
}
