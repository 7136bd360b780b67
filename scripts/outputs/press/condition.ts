import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { PressSettings } from '../../model/press-geometry.js';
import { loadYamlFile } from '../../sources/yaml.js';
import type { EditionJob, MadeOutput } from '../format.js';
import type { OutputCondition } from './pdfx.js';
import { ghostscript, ghostscriptIccFolder, toCmyk } from './cmyk.js';
import { readIcc } from './icc.js';

/**
 * sRGB IEC 61966-2.1 (the ICC's sRGB2014 profile, 3 kB), as the npm package pdfkit ships it for PDF/A: "may be
 * copied, distributed, embedded, made, used, and sold without restriction" (International Color Consortium).
 */
const SRGB = ['node_modules', 'pdfkit', 'js', 'data', 'sRGB_IEC61966_2_1.icc'];

export type CmykCondition = OutputCondition & {
  /** The RGB press PDF converted, or what Ghostscript said when it could not. */
  convert: (rgb: Uint8Array) => Promise<Uint8Array | string>;
};

/** The output intent for RGB, or for CMYK when Ghostscript is there to convert (else a warning, and undefined). */
export async function colourCondition(job: EditionJob, s: PressSettings, kind: 'rgb'): Promise<OutputCondition>;
export async function colourCondition(
  job: EditionJob,
  s: PressSettings,
  kind: 'cmyk',
): Promise<CmykCondition | undefined>;
export async function colourCondition(
  job: EditionJob,
  s: PressSettings,
  kind: 'rgb' | 'cmyk',
): Promise<OutputCondition | CmykCondition | undefined> {
  const srgb = path.join(job.ctx.packageDir, ...SRGB);
  if (kind === 'rgb')
    return { identifier: 'sRGB IEC61966-2.1', info: 'sRGB IEC61966-2.1', profile: readFileSync(srgb), components: 3 };
  if (!(await ghostscript())) {
    job.ctx.diagnostics.report('press-ghostscript', place(job, ['press', 'colour']));
    return undefined;
  }
  const folder = await ghostscriptIccFolder();
  const file = s.profile ? path.join(job.ctx.root, s.profile) : folder && path.join(folder, 'default_cmyk.icc');
  const problem = profileProblem(file, s.profile);
  if (problem) {
    job.ctx.diagnostics.report('press-ghostscript-failed', place(job, ['press', s.profile ? 'profile' : 'colour']), [
      problem,
    ]);
    return undefined;
  }
  const profile = readFileSync(file!);
  return {
    identifier: 'Custom',
    info: readIcc(profile)!.description || path.basename(file!, path.extname(file!)),
    profile,
    components: 4,
    convert: (rgb) => toCmyk(rgb, { profile: file!, rgb: srgb, folder }),
  };
}

/**
 * Why `file` cannot be the CMYK conversion's profile, or undefined when it can: it must be there, be an ICC
 * profile of CMYK, and have the tables that convert into it (an input-only profile has none).
 */
function profileProblem(file: string | undefined, asked: string | undefined): string | undefined {
  if (!file)
    return (
      'there is no press.profile, and this Ghostscript keeps its default_cmyk.icc inside the executable, ' +
      'where the press PDF cannot embed it from'
    );
  const name = asked ?? file;
  if (!existsSync(file)) return `there is no file ${name}`;
  const icc = readIcc(readFileSync(file));
  if (!icc) return `${name} is not an ICC profile`;
  if (icc.space !== 'CMYK') return `${name} is a profile of ${icc.space.trim()}, not CMYK`;
  if (!icc.convertsTo)
    return (
      `${name} (class ${icc.deviceClass}) has no tables to convert colours into it (B2A0–B2A2): ` +
      'it describes CMYK but cannot be converted to'
    );
  return undefined;
}

/** report.yaml's line and column of a `press:` value (the file is read again only when there is a problem). */
function place(job: EditionJob, at: string[]) {
  const doc = loadYamlFile(job.ctx, path.join(job.ctx.root, 'report.yaml'));
  return doc?.at(at) ?? doc?.at(['press']) ?? { file: 'report.yaml' };
}

const mm = (pt: number) => `${Math.round((pt * 254) / 72) / 10}`;
const size = ([w, h]: [number, number]) => `${mm(w)} × ${mm(h)} mm`;

/** A trim that is not the printed page's size: one error at press.trim, and no press PDF. */
export function reportPressProblem(
  job: EditionJob,
  made: { mismatch: [number, number]; page: [number, number] },
): MadeOutput {
  job.ctx.diagnostics.report(
    'press-trim',
    place(job, ['press', 'trim']),
    [size(made.mismatch), size(made.page)],
    [`"${mm(made.page[0])}mm ${mm(made.page[1])}mm"`],
  );
  return { files: [] };
}

/** Ghostscript stopped: one error at press.colour with what it said, and no press PDF. */
export function reportConversionFailed(job: EditionJob, said: string): MadeOutput {
  job.ctx.diagnostics.report('press-ghostscript-failed', place(job, ['press', 'colour']), [`gs said "${said}"`]);
  return { files: [] };
}
