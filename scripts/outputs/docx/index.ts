import type { Lang } from '../../context.js';
import type { EditionJob, OutputFormat } from '../format.js';

export function docxFileName(configId: string, lang: Lang): string {
  return `${configId}-${lang}.docx`;
}

/**
 * The edition for reviewers, `<lang>/<id>-<lang>.docx`: a Word document written with the `docx` package from
 * the edition's own trees (the chapters as apply-templates filled them: `job.trees`; no HTML read back), in Word's
 * own styles, each paragraph marked with its Markdown file and line so that
 * `npm run review` can read a reviewed copy back (docs/review.md).
 */
export const docxOutput: OutputFormat = {
  name: 'docx',
  label: 'DOCX',
  description: 'a Word document per edition for reviewers (read back with npm run review)',
  stage: 'write-docx',
  needs: ['html'],
  pagesPerEdition: 0,
  trees: true,
  optional: true,
  dev: 'when-idle',
  make: async (job: EditionJob) => {
    const file = `${job.lang}/${docxFileName(job.config.id, job.lang)}`;
    const { editionDocx } = await import('./document.js'); // (loaded only when a DOCX edition is made)
    const bytes = await editionDocx(job);
    job.out.write(file, bytes);
    return { files: [file], summary: `${Math.round(bytes.byteLength / 1024)} KB` };
  },
};
