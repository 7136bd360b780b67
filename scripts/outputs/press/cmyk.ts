import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Ghostscript's version, or undefined when `gs` is not installed (the build never installs it). */
export async function ghostscript(): Promise<string | undefined> {
  try {
    return (await run('gs', ['--version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * The RGB press PDF → CMYK through Ghostscript's pdfwrite, colours converted with `profile` (the press
 * condition), transparency kept (PDF 1.6, as PDF/X-4 allows). pdfwrite writes its own file: the fonts are
 * re-embedded as subsets (the Chinese ones stay fonts, not outlines), but the boxes, the structure tags and
 * the PDF/X keys are not carried over — the caller sets them again.
 */
export async function toCmyk(rgb: Uint8Array, profile: string): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'press-cmyk-'));
  try {
    const [from, to] = [path.join(dir, 'rgb.pdf'), path.join(dir, 'cmyk.pdf')];
    writeFileSync(from, rgb);
    await run('gs', [
      '-q',
      '-dBATCH',
      '-dNOPAUSE',
      '-dSAFER',
      '-sDEVICE=pdfwrite',
      '-dCompatibilityLevel=1.6',
      `--permit-file-read=${profile}`,
      '-dProcessColorModel=/DeviceCMYK',
      `-sOutputICCProfile=${profile}`,
      '-sColorConversionStrategy=CMYK',
      '-dEmbedAllFonts=true',
      '-dSubsetFonts=true',
      `-sOutputFile=${to}`,
      from,
    ]);
    return readFileSync(to);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
