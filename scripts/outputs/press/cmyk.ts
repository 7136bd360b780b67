import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
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
 * The folder Ghostscript reads its default ICC profiles from (its ICCProfilesDir user parameter, e.g.
 * /usr/share/ghostscript/10.00.0/iccprofiles/), or undefined when it is not a folder on disk (a build that keeps
 * them inside the executable, %rom%).
 */
export async function ghostscriptIccFolder(): Promise<string | undefined> {
  try {
    const { stdout } = await run('gs', [
      '-q',
      '-dNODISPLAY',
      '-dSAFER',
      '-c',
      'currentuserparams /ICCProfilesDir .knownget { print } if quit',
    ]);
    const folder = stdout.trim();
    return folder && existsSync(folder) ? folder : undefined;
  } catch {
    return undefined;
  }
}

export interface CmykProfiles {
  /** The press condition's CMYK profile: what the colours are converted to. */
  profile: string;
  /** The RGB the screen PDF's DeviceRGB means (sRGB IEC61966-2.1, the RGB press PDF's output intent). */
  rgb: string;
  /** Ghostscript's own profile folder, when it has one on disk. */
  folder?: string;
}

/**
 * The screen PDF → CMYK through Ghostscript's pdfwrite, every colour converted from `rgb` to `profile`
 * (relative colorimetric), transparency kept (PDF 1.6, as PDF/X-4 allows); the press PDF is then made from it as
 * from the RGB one. Resolves to the converted file, or to what Ghostscript said when it failed.
 *
 * Steering the conversion: pdfwrite converts into its device profile. `-sOutputICCProfile` sets that profile
 * from Ghostscript 10.03 on; before (bug 707350, fixed by commit 7ddd455a2), `ColorConversionStrategy=CMYK`
 * replaced it with `default_cmyk.icc` from the ICCProfilesDir folder, whatever was asked. So the conversion runs
 * with an ICCProfilesDir of its own: Ghostscript's profiles, with `default_cmyk.icc` the press profile and
 * `default_rgb.icc` the sRGB profile — every version then converts with the same two.
 *
 * pdfwrite writes its own file: the fonts are re-embedded as subsets (the Chinese ones stay CID fonts, not
 * outlines), the links and bookmarks stay, the structure tags do not (docs/print.md).
 */
export async function toCmyk(rgb: Uint8Array, profiles: CmykProfiles): Promise<Uint8Array | string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'press-cmyk-'));
  try {
    const icc = iccFolder(dir, profiles);
    const [from, to] = [path.join(dir, 'rgb.pdf'), path.join(dir, 'cmyk.pdf')];
    writeFileSync(from, rgb);
    await run('gs', [
      '-q',
      '-dBATCH',
      '-dNOPAUSE',
      '-dSAFER',
      `--permit-file-read=${icc}`,
      `-sICCProfilesDir=${icc}`,
      '-sDEVICE=pdfwrite',
      '-dCompatibilityLevel=1.6',
      '-dProcessColorModel=/DeviceCMYK',
      '-sColorConversionStrategy=CMYK',
      `-sOutputICCProfile=${path.join(icc, 'default_cmyk.icc')}`,
      `-sDefaultRGBProfile=${path.join(icc, 'default_rgb.icc')}`,
      '-dRenderIntent=1',
      '-dEmbedAllFonts=true',
      '-dSubsetFonts=true',
      `-sOutputFile=${to}`,
      from,
    ]);
    return readFileSync(to);
  } catch (e) {
    const said = (e as { stderr?: string; stdout?: string }).stderr || (e as { stdout?: string }).stdout || String(e);
    return said.trim().split('\n')[0]!.trim() || 'gs stopped with an error';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `dir`/icc/: Ghostscript's own profiles (copied: ~0.5 MB), with the press profile and sRGB as CMYK and RGB defaults. */
function iccFolder(dir: string, profiles: CmykProfiles): string {
  const icc = path.join(dir, 'icc') + path.sep; // (Ghostscript joins ICCProfilesDir and a name without a separator)
  mkdirSync(icc);
  for (const name of profiles.folder ? readdirSync(profiles.folder) : [])
    if (name !== 'default_cmyk.icc' && name !== 'default_rgb.icc')
      copyFileSync(path.join(profiles.folder!, name), path.join(icc, name));
  copyFileSync(profiles.profile, path.join(icc, 'default_cmyk.icc'));
  copyFileSync(profiles.rgb, path.join(icc, 'default_rgb.icc'));
  return icc;
}
