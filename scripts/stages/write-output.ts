import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { cpSync, linkSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { EditionFonts } from '../fonts/subset.js';
import { EnvironmentError, catalogue, formatDiagnostic } from '../diagnostics/catalogue.js';

/**
 * Stage 8: the only stage that writes the output. Everything goes into a
 * staging folder beside the output; only a build that succeeded swaps it into
 * place, so a failed or interrupted build leaves the previous output intact.
 * A lock file keeps two builds from writing the same output at once.
 */
export interface Staging {
  dir: string;
  outDir: string;
  /** How messages name the output folder (relative to the report's root). */
  shown: string;
  /** Files still being made (writeLater), which commit waits for. */
  pending: Promise<unknown>[];
  /** Set by discard: a file made after it is not written. */
  discarded?: boolean;
}

/** The staging folder beside `outDir`; a folder that cannot be made there is one catalogue line (an EnvironmentError). */
export function startStaging(outDir: string, root = path.dirname(outDir)): Staging {
  const abs = path.resolve(outDir);
  const shown = path.relative(root, abs) || abs;
  const parent = path.dirname(abs);
  try {
    mkdirSync(parent, { recursive: true });
    // mkdirSync, not mkdtempSync: mkdtemp makes its folder 0700 whatever the umask, and this folder becomes dist/,
    // which a web server running as another user must read. A UUID keeps the name unique; mkdir fails if it is not.
    const dir = path.join(parent, `.${path.basename(outDir)}.staging-${randomUUID()}`);
    mkdirSync(dir);
    return { dir, outDir: abs, shown, pending: [] };
  } catch (e) {
    throw outputFailure(shown, `make the new output beside ${shown} (in ${parent})`, e, parent);
  }
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
  const { outDir, shown } = staging;
  const old = `${staging.dir}.old`;
  const hadOutput = existsSync(outDir);
  try {
    if (hadOutput) renameSync(outDir, old);
  } catch (e) {
    throw outputFailure(shown, `move the last output (${shown}) aside to put the new one in its place`, e, outDir);
  }
  try {
    renameSync(staging.dir, outDir);
  } catch (e) {
    let back = !hadOutput;
    try {
      if (hadOutput) renameSync(old, outDir); // (the last output back where it was: the move just made, undone)
      back = true;
    } catch {
      // (said below: where the last output is)
    }
    throw outputFailure(shown, `move the new output into ${shown}`, e, path.dirname(outDir), back ? undefined : old);
  }
  background.add(rm(old, { recursive: true, force: true }).catch(() => undefined));
}

/** The staging folder removed (a failed or interrupted build leaves nothing of it behind). */
export function discard(staging: Staging): void {
  staging.discarded = true;
  try {
    rmSync(staging.dir, { recursive: true, force: true });
  } catch {
    // (what cannot be removed now is swept by the next build, which takes the lock: sweepStale)
  }
}

/** Why a folder could not be made or moved, as a user can act on it, by the system's error code. */
const reasons: Record<string, (shown: string, place: string) => [string, string]> = {
  EBUSY: (shown) => [
    'the folder is a mount point (a container volume?) or in use, and a mount point cannot be moved',
    `build into a folder inside it (--out ${shown}/site), or mount the folder above it instead`,
  ],
  EROFS: () => ['the file system is read-only', 'build into a writable folder with --out DIR'],
  EACCES: (_, place) => [
    `this user may not change ${place}`,
    'give this user write access to it and the folder above it, or build elsewhere with --out DIR',
  ],
  ENOSPC: () => ['the disk is full', 'free some disk space, or build elsewhere with --out DIR'],
  EXDEV: () => [
    'the staging folder and the output are on different file systems',
    'build into a folder that is not a mount point (--out DIR)',
  ],
};
reasons.EPERM = reasons.EACCES!;

/** A failure to write the output folder (not a fault of the report): one catalogue line, no stack. */
export function outputFailure(
  shown: string,
  doing: string,
  e: unknown,
  place: string,
  lastOutputAt?: string,
): EnvironmentError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const [why, what] = reasons[code]?.(shown, place) ?? [
    `${(e as Error).message}`,
    'check the folder and its permissions, or build elsewhere with --out DIR',
  ];
  const entry = catalogue['output-write'];
  return new EnvironmentError(
    formatDiagnostic({
      file: shown,
      severity: 'error',
      rule: 'output-write',
      message: entry.message(doing, `${why} (${code || 'error'})`),
      hint: `${entry.hint(what)}; ${lastOutputAt ? `the last output is in ${lastOutputAt}` : `${shown} is as it was`}`,
    }),
  );
}

/** A page's fonts into `dir`/assets: fonts.css and the files it names. */
export function writeFonts(staging: Staging, dir: string, fonts: EditionFonts): void {
  writeFile(staging, `${dir}/assets/fonts.css`, fonts.css);
  for (const f of fonts.files) {
    if ('from' in f) linkFile(staging, `${dir}/assets/fonts/${f.name}`, f.from);
    else writeFile(staging, `${dir}/assets/fonts/${f.name}`, f.bytes);
  }
}
