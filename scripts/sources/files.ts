import { readFileSync, lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { BuildContext } from '../context.js';

/** Path relative to the report root, with forward slashes, for messages. */
export function rel(ctx: BuildContext, abs: string): string {
  return path.relative(ctx.root, abs).split(path.sep).join('/');
}

/** Resolve `p` (relative to `fromDir`) and refuse anything outside the report root. */
export function resolveInside(
  ctx: BuildContext,
  fromDir: string,
  p: string,
  place: { file: string; line?: number; column?: number },
): string | undefined {
  const abs = path.resolve(fromDir, p);
  const r = path.relative(ctx.root, abs);
  if (r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r)) {
    ctx.diagnostics.report('outside-root', place, [p]);
    return undefined;
  }
  return abs;
}

/**
 * The names in a folder of the report, sorted, without hidden ones (editors'
 * lock links and swap files: `.#01-main.md`, `.01-main.md.swp`). Undefined when
 * there is no such folder; a file where the folder should be, and a link that
 * leads to no folder, are reported.
 */
export function listFolder(ctx: BuildContext, abs: string): string[] | undefined {
  const st = stat(abs);
  if (!st) {
    if (!lstat(abs)?.isSymbolicLink()) return undefined;
    ctx.diagnostics.report(
      'missing-file',
      { file: rel(ctx, abs), line: 1, column: 1 },
      [`${rel(ctx, abs)}/ (a link to ${readlinkSync(abs)}, which leads to no folder)`],
      [notAFolderHint],
    );
    return [];
  }
  try {
    if (!st.isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    return readdirSync(abs)
      .filter((n) => !n.startsWith('.'))
      .sort();
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOTDIR'
        ? 'a file, where a folder should be'
        : `a folder that cannot be read (${(e as NodeJS.ErrnoException).code})`;
    ctx.diagnostics.report(
      'missing-file',
      { file: rel(ctx, abs), line: 1, column: 1 },
      [`${rel(ctx, abs)}/ (${why})`],
      [notAFolderHint],
    );
    return [];
  }
}

const notAFolderHint = 'put a folder there: move or rename what stands in its way';

/**
 * What a path leads to, following links; undefined for nothing (no file, a link to nothing, a link that loops,
 * a file where a folder of the path should be).
 */
function stat(abs: string): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** What stands at a path itself (a link as a link); undefined for nothing, whatever the reason. */
function lstat(abs: string): Stats | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Anything at all at `abs`: a file, a folder, a link even to nothing. */
export function isThere(abs: string): boolean {
  return lstat(abs) !== undefined;
}

/** Why a path of the report leads to no file: a link to nothing or in a loop, a folder, a file where one of its folders should be. */
function notAFile(ctx: BuildContext, abs: string, st: Stats | undefined): string {
  const name = rel(ctx, abs);
  if (st) return `${name} (a folder, not a file)`;
  if (lstat(abs)?.isSymbolicLink()) {
    let loops = false;
    try {
      statSync(abs);
    } catch (e) {
      loops = (e as NodeJS.ErrnoException).code === 'ELOOP';
    }
    return `${name} (a link to ${readlinkSync(abs)}, which ${loops ? 'loops back on itself' : 'leads to no file'})`;
  }
  for (let dir = path.dirname(abs); dir.length > ctx.root.length && dir.startsWith(ctx.root); dir = path.dirname(dir)) {
    const d = stat(dir);
    if (d && !d.isDirectory()) return `${name} (${rel(ctx, dir)} is a file, where a folder should be)`;
    if (!d && lstat(dir)?.isSymbolicLink())
      return `${name} (${rel(ctx, dir)} is a link to ${readlinkSync(dir)}, which leads to no folder)`;
  }
  return name;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Larger than any text file of a report: refused rather than read (a video saved as a chapter, a runaway export). */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * Read a UTF-8 text file of the report (a BOM is dropped). Reported, and
 * undefined: a missing file (or a link to nothing), a folder, a file that is
 * not UTF-8 (UTF-16 named as such), one too large to be text, and a file
 * that is, or is reached through, a link to outside the report root (and
 * outside this package).
 */
export function readText(
  ctx: BuildContext,
  abs: string,
  place?: { file: string; line?: number; column?: number },
  hint?: string,
): string | undefined {
  const name = rel(ctx, abs);
  const bytes = readBytes(ctx, abs, place, hint, {
    maxBytes: MAX_TEXT_BYTES,
    tooLarge: (at, size) =>
      ctx.diagnostics.report('file-too-large', at, [
        String(Math.round(size / 1024 / 1024)),
        String(MAX_TEXT_BYTES / 1024 / 1024),
      ]),
  });
  if (!bytes) return undefined;
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    ctx.diagnostics.report('not-utf8', { file: name, line: utf16 ? 1 : firstBadLine(bytes), column: 1 }, [
      utf16 ? ' (it is UTF-16)' : '',
    ]);
    return undefined;
  }
}

type At = { file: string; line?: number; column?: number };

/**
 * Read a file of the report as bytes. Reported, and undefined: a missing file (or a link to nothing), a folder,
 * one larger than `limit.maxBytes` (reported by `limit.tooLarge`), one that cannot be read, and one that is, or
 * is reached through, a link to outside the report root (and outside this package).
 */
export function readBytes(
  ctx: BuildContext,
  abs: string,
  place: At | undefined,
  hint: string | undefined,
  limit: { maxBytes: number; tooLarge: (at: At, size: number) => void },
): Buffer | undefined {
  const name = rel(ctx, abs);
  const at = place ?? { file: name, line: 1, column: 1 };
  const st = stat(abs);
  if (!st?.isFile()) {
    const why = notAFile(ctx, abs, st);
    ctx.diagnostics.report(
      'missing-file',
      at,
      [why],
      [hint || (why === name ? '' : 'put the file itself there: move or rename what stands in its way')],
    );
    return undefined;
  }
  const real = realpathSync(abs);
  const within = (dir: string) => {
    const r = path.relative(realpathSync(dir), real);
    return !(r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r));
  };
  // (the package's own files — its built-in theme — are not the report's, and are not secret)
  if (!within(ctx.root) && !within(ctx.packageDir)) {
    ctx.diagnostics.report('outside-root', at, [`${name} (a link to ${real})`]);
    return undefined;
  }
  if (st.size > limit.maxBytes) return void limit.tooLarge(at, st.size);
  try {
    return readFileSync(abs);
  } catch (e) {
    ctx.diagnostics.report(
      'missing-file',
      at,
      [`${name} (it cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`],
      [hint ?? ''],
    );
    return undefined;
  }
}

function firstBadLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}
