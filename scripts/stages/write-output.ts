import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { cpSync, linkSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { EditionFonts } from '../fonts/subset.js';

/**
 * Stage 8: the only stage that writes the output. Everything goes into a
 * staging folder beside the output; only a build that succeeded swaps it into
 * place, so a failed or interrupted build leaves the previous output intact.
 * A lock file keeps two builds from writing the same output at once.
 */
export interface Staging {
  dir: string;
  outDir: string;
  /** Files still being made (writeLater), which commit waits for. */
  pending: Promise<unknown>[];
  /** Set by discard: a file made after it is not written. */
  discarded?: boolean;
}

export function startStaging(outDir: string): Staging {
  const parent = path.dirname(path.resolve(outDir));
  mkdirSync(parent, { recursive: true });
  // mkdirSync, not mkdtempSync: mkdtemp makes its folder 0700 whatever the umask, and this folder becomes dist/,
  // which a web server running as another user must read. A UUID keeps the name unique; mkdir fails if it is not.
  const dir = path.join(parent, `.${path.basename(outDir)}.staging-${randomUUID()}`);
  mkdirSync(dir);
  return { dir, outDir: path.resolve(outDir), pending: [] };
}

export function writeFile(staging: Staging, rel: string, content: string | Uint8Array): string {
  const abs = path.join(staging.dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

/** A file whose content may still be being made (a chart's download): written when it is; commit waits for it, and fails with it. */
export function writeLater(
  staging: Staging,
  rel: string,
  content: string | Uint8Array | Promise<string | Uint8Array>,
): void {
  if (!(content instanceof Promise)) {
    writeFile(staging, rel, content);
    return;
  }
  const written = content.then((c) => {
    if (!staging.discarded) writeFile(staging, rel, c);
  });
  written.catch(() => undefined); // (read by commit)
  staging.pending.push(written);
}

export function copyFile(staging: Staging, rel: string, from: string): void {
  const abs = path.join(staging.dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  cpSync(from, abs, { dereference: true }); // the file's bytes, never a link (a dataset may be one)
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
  if (existsSync(prev) && !existsSync(path.join(staging.dir, rel)))
    cpSync(prev, path.join(staging.dir, rel), { recursive: true });
}

/**
 * Swap the staging folder into place: the old output is renamed away first,
 * then removed in the background (a build killed before that finishes leaves
 * it to the next build's sweepStale).
 */
export async function commit(staging: Staging, background: Set<Promise<unknown>>): Promise<void> {
  await Promise.all(staging.pending);
  const old = `${staging.dir}.old`;
  if (existsSync(staging.outDir)) renameSync(staging.outDir, old);
  renameSync(staging.dir, staging.outDir);
  background.add(rm(old, { recursive: true, force: true }).catch(() => undefined));
}

export function discard(staging: Staging): void {
  staging.discarded = true;
  rmSync(staging.dir, { recursive: true, force: true });
}

/** A page's fonts into `dir`/assets: fonts.css and the files it names. */
export function writeFonts(staging: Staging, dir: string, fonts: EditionFonts): void {
  writeFile(staging, `${dir}/assets/fonts.css`, fonts.css);
  for (const f of fonts.files) {
    if ('from' in f) linkFile(staging, `${dir}/assets/fonts/${f.name}`, f.from);
    else writeFile(staging, `${dir}/assets/fonts/${f.name}`, f.bytes);
  }
}
