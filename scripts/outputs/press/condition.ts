import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { PressSettings } from '../../model/press-geometry.js';
import { loadYamlFile } from '../../sources/yaml.js';
import type { EditionJob, MadeOutput } from '../format.js';
import type { OutputCondition } from './pdfx.js';
import { ghostscript, toCmyk } from './cmyk.js';

/**
 * sRGB IEC 61966-2.1 (the ICC's sRGB2014 profile, 3 kB), as the npm package pdfkit ships it for PDF/A: "may be
 * copied, distributed, embedded, made, used, and sold without restriction" (International Color Consortium).
 */
const SRGB = ['node_modules', 'pdfkit', 'js', 'data', 'sRGB_IEC61966_2_1.icc'];
/**
 * The CMYK default: CGATS TR 001 (SWOP), Clinton Ingram's compact profile (CC0), as pdfjs-dist ships it.
 */
const CGATS001 = ['node_modules', 'pdfjs-dist', 'iccs', 'CGATS001Compat-v2-micro.icc'];

export type CmykCondition = OutputCondition & { convert: (rgb: Uint8Array) => Promise<Uint8Array> };

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
  if (kind === 'rgb') {
    const profile = readFileSync(path.join(job.ctx.packageDir, ...SRGB));
    return { identifier: 'sRGB IEC61966-2.1', info: 'sRGB IEC61966-2.1', profile, components: 3 };
  }
  if (!(await ghostscript())) {
    job.ctx.diagnostics.report('press-ghostscript', place(job, ['press', 'colour']));
    return undefined;
  }
  const file = s.profile ? path.join(job.ctx.root, s.profile) : path.join(job.ctx.packageDir, ...CGATS001);
  if (!existsSync(file)) {
    job.ctx.diagnostics.report('press-ghostscript-failed', place(job, ['press', 'profile']), [`no file ${s.profile}`]);
    return undefined;
  }
  const named = s.profile ? path.basename(s.profile, path.extname(s.profile)) : 'CGATS TR 001';
  return {
    identifier: s.profile ? 'Custom' : 'CGATS TR 001',
    info: named,
    profile: readFileSync(file),
    components: 4,
    convert: (rgb) => toCmyk(rgb, file),
  };
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
