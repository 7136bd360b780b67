import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Lang } from '../../context.js';
import { filesKey } from '../../incremental/reuse.js';
import { htmlLang } from '../../locale/languages.js';
import { pressSettings } from '../../model/press-geometry.js';
import type { EditionJob, MadeOutput, OutputFormat } from '../format.js';
import { colourCondition, reportConversionFailed, reportPressProblem } from './condition.js';

export function pressFileName(configId: string, lang: Lang): string {
  return `${configId}-${lang}-press.pdf`;
}

/** The screen PDF the pdf format staged (its name is that format's: `<id>-<lang>.pdf`). */
const screenFile = (job: EditionJob) => `${job.lang}/${job.config.id}-${job.lang}.pdf`;

/**
 * The press edition, `<lang>/<id>-<lang>-press.pdf`, for the print shop: the screen PDF's pages on sheets with
 * TrimBox, 3 mm bleed (the pages' edges extended), crop marks and a slug, as PDF/X-4 with an sRGB output intent
 * (or CMYK through Ghostscript, when installed and asked for). Made only when report.yaml has `press:`.
 */
export const pressOutput: OutputFormat = {
  name: 'press',
  label: 'press PDF',
  description: "the print shop's PDF/X-4 (trim, bleed, crop marks), when report.yaml has press:",
  stage: 'press-pdf',
  needs: ['pdf'],
  pagesPerEdition: 0,
  asked: (config) => config.press !== undefined,
  dev: 'when-idle',
  key: (job) =>
    job.config.press
      ? filesKey(path.join(job.out.dir, job.lang), (rel) => rel === path.basename(screenFile(job)), job.config.press)
      : '',
  make: async (job: EditionJob): Promise<MadeOutput> => {
    if (!job.config.press) return { files: [] };
    const settings = pressSettings(job.config.press);
    const { pressPdf } = await import('./press-pdf.js');
    const { slugPainter } = await import('./slug.js');
    const meta = job.config.editions[job.lang];
    // CMYK: the screen PDF converted first, then placed on sheets (Ghostscript rewrites what it reads: the
    // sheets' nine placings of each page would be written out nine times, and take ~7× as long)
    const cmyk = settings.colour === 'cmyk' ? await colourCondition(job, settings, 'cmyk') : undefined;
    const screen = readFileSync(path.join(job.out.dir, screenFile(job)));
    const converted = cmyk ? await cmyk.convert(screen) : screen;
    if (typeof converted === 'string') return reportConversionFailed(job, converted);
    const made = await pressPdf({
      screen: converted,
      settings: cmyk ? settings : { ...settings, colour: 'rgb' },
      meta: {
        title: meta.title,
        author: `${meta.authorGroup} (${meta.authors.join(job.lang === 'zh' ? '、' : ', ')})`,
        creator: meta.institution,
        producer: cmyk ? 'bilingual-report (Chromium, Ghostscript, pdf-lib)' : 'bilingual-report (Chromium, pdf-lib)',
        lang: htmlLang[job.lang],
        date: job.date,
      },
      condition: cmyk ?? (await colourCondition(job, settings, 'rgb')),
      slugText: `${job.config.id}  ·  ${job.lang} edition  ·  ${job.config.date}`,
      painter: settings.slug ? await slugPainter(job.ctx) : undefined,
    });
    if ('mismatch' in made) return reportPressProblem(job, made);
    const file = `${job.lang}/${pressFileName(job.config.id, job.lang)}`;
    await checkPreflight(job, file, made.bytes, cmyk ? 'cmyk' : 'rgb');
    job.out.write(file, made.bytes);
    return { files: [file], summary: `${made.pages} pages, PDF/X-4 ${cmyk ? 'CMYK' : 'RGB'}` };
  },
};

/** The preflight (preflight.ts) on the file as written: each finding a warning naming the file and page. */
async function checkPreflight(job: EditionJob, file: string, bytes: Uint8Array, colour: 'rgb' | 'cmyk'): Promise<void> {
  const { preflight } = await import('./preflight.js');
  for (const f of await preflight(bytes, { colour })) {
    job.ctx.diagnostics.report('press-preflight', { file: `dist/${file}` }, [
      f.check,
      f.page ? String(f.page) : '',
      f.what,
    ]);
  }
}
