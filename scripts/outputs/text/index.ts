import type { Lang } from '../../context.js';
import type { EditionJob, OutputFormat } from '../format.js';

export function textFileName(configId: string, lang: Lang): string {
  return `${configId}-${lang}.txt`;
}

/**
 * The plain-text edition, `<lang>/<id>-<lang>.txt`: the edition's `<main>` — cover, chapters, figure and table
 * captions, table cells, sources, notes — as a browser copies text (hast-util-to-text, the `innerText`
 * algorithm), in UTF-8, without the page's controls and drawings. What a translator's CAT tool or a diff reads.
 */
export const textOutput: OutputFormat = {
  name: 'text',
  label: 'text',
  description: 'the plain-text edition (UTF-8), for translation tools and diffs',
  stage: 'write-text',
  needs: ['html'],
  pagesPerEdition: 0,
  optional: true,
  dev: 'each-save',
  make: async (job: EditionJob) => {
    const file = `${job.lang}/${textFileName(job.config.id, job.lang)}`;
    const { editionText } = await import('./edition-text.js'); // (loaded only when a text edition is made)
    job.out.write(file, editionText(job.html.html));
    return { files: [file] };
  },
};
