import path from 'node:path';
import type { Lang } from '../../context.js';
import { filesKey } from '../../incremental/reuse.js';
import type { EditionJob, OutputFormat } from '../format.js';
import type { FloatMove } from './floats.js';

/** What a printed edition leaves for the next build's first guess (and the change report's pages). */
export interface PdfState {
  /** heading id → page, as the TOC prints it. */
  tocPages: Record<string, number>;
  /** The figures moved to fill a page, by id and the block they follow. */
  floats?: FloatMove[];
  /** How many pages it has. */
  pages: number;
}

export function pdfFileName(configId: string, lang: Lang): string {
  return `${configId}-${lang}.pdf`;
}

/**
 * What the PDF is printed from: the page and its assets (not the data or chart downloads), metadata, date and the
 * site's address (its links).
 */
const printedFrom = (rel: string) => rel === 'index.html' || rel.startsWith('assets/');

/**
 * The print edition: `<lang>/<id>-<lang>.pdf`, printed by Chromium from the staged web edition on a page opened
 * as the build starts. An edition whose page, assets, metadata and date are those of the last build keeps its PDF.
 */
export const pdfOutput: OutputFormat = {
  name: 'pdf',
  label: 'PDF',
  description: 'the print edition, printed by Chromium from the web edition',
  stage: 'print-pdf',
  needs: ['html'],
  pagesPerEdition: 1,
  dev: 'when-idle',
  key: (job) =>
    filesKey(path.join(job.out.dir, job.lang), printedFrom, [
      job.config.editions[job.lang],
      job.date.toISOString(),
      job.config.baseUrl ?? '',
      ...(job.config.pdfStandard ? [job.config.pdfStandard] : []),
      job.config.notes ?? 'footnotes',
      job.config.noteNumbering ?? 'edition',
      ...(job.config.notes === 'endnotes' ? [job.templates.strings[job.lang].endnotes] : []),
    ]),
  make: async (job: EditionJob) => {
    const file = `${job.lang}/${pdfFileName(job.config.id, job.lang)}`;
    // (loaded here: the CLI reads the registry before it knows whether there is anything to build)
    const { printPdf } = await import('./print.js');
    const pdf = await printPdf(
      job.ctx,
      {
        lang: job.lang,
        htmlPath: path.join(job.out.dir, job.lang, 'index.html'),
        meta: job.config.editions[job.lang],
        date: job.date,
        allowedDirs: [path.join(job.out.dir, job.lang)],
        guess: job.last?.state as PdfState | undefined,
        signal: job.signal,
        headings: job.html.headings,
        baseUrl: job.config.baseUrl,
        placed: job.rendered.state.placed,
        notes: job.config.notes ?? 'footnotes',
        noteNumbering: job.config.noteNumbering,
        endnotesTitle: job.templates.strings[job.lang].endnotes,
      },
      job.page,
    );
    if (job.config.pdfStandard === 'ua-1') await checkUa(job, file, pdf.bytes);
    job.out.write(file, pdf.bytes);
    const state: PdfState = { tocPages: pdf.tocPages, floats: pdf.floats, pages: pdf.pages };
    return { files: [file], state, summary: `${pdf.pages} pages, ${pdf.passes} pass(es)` };
  },
};

/** report.yaml `pdfStandard: ua-1` (or --pdf-standard ua-1): each PDF/UA-1 finding is an error naming the file and page. */
async function checkUa(job: EditionJob, file: string, bytes: Uint8Array): Promise<void> {
  const { checkPdfUa } = await import('./ua-check.js');
  for (const f of await checkPdfUa(bytes)) {
    const [what, fix = ''] = f.message.split(' — ');
    job.ctx.diagnostics.report(
      'pdf-ua',
      { file: `dist/${file}` },
      [f.rule, f.page ? String(f.page) : '', what!],
      [fix],
    );
  }
}
