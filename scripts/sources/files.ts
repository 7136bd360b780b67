import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BuildContext } from '../context.js';

/** Path relative to the report root, with forward slashes, for messages. */
export function rel(ctx: BuildContext, abs: string): string {
  return path.relative(ctx.root, abs).split(path.sep).join('/');
}

/** Resolve `p` (relative to `fromDir`) and refuse anything outside the report root. */
export function resolveInside(ctx: BuildContext, fromDir: string, p: string, place: { file: string; line?: number; column?: number }): string | undefined {
  const abs = path.resolve(fromDir, p);
  const r = path.relative(ctx.root, abs);
  if (r.startsWith('..') || path.isAbsolute(r)) {
    ctx.diagnostics.report('outside-root', place, [p]);
    return undefined;
  }
  return abs;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read a UTF-8 text file; report a missing or non-UTF-8 file and return undefined. */
export function readText(ctx: BuildContext, abs: string, place?: { file: string; line?: number; column?: number }, hint?: string): string | undefined {
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    ctx.diagnostics.report('missing-file', place ?? { file: rel(ctx, abs) }, [rel(ctx, abs)], [hint ?? '']);
    return undefined;
  }
  const bytes = readFileSync(abs);
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const line = firstBadLine(bytes);
    ctx.diagnostics.report('not-utf8', { file: rel(ctx, abs), line, column: 1 });
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

