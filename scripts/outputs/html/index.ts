import path from 'node:path';
import type { EditionJob, MadeOutput, OutputFormat } from '../format.js';

/**
 * The web edition: `<lang>/index.html` with its style sheets, its fonts, the CSV of every dataset it charts
 * and the chart downloads (written when drawn). Every other format is made from it or beside it, so every
 * build makes it; the site around the editions (the language chooser, the review page) is the build's.
 */
export const htmlOutput: OutputFormat = {
  name: 'html',
  label: 'HTML',
  description: 'the web edition (always made: the other formats are made from it)',
  stage: 'write-html',
  needs: [],
  pagesPerEdition: 0,
  dev: 'each-save',
  make: async (job) => writeEdition(job),
};

function writeEdition({ ctx, lang, html, fonts, templates, data, out }: EditionJob): MadeOutput {
  const files: string[] = [];
  const put = (rel: string, write: (at: string) => void) => {
    write(`${lang}/${rel}`);
    files.push(`${lang}/${rel}`);
  };
  put('index.html', (at) => out.write(at, html.html));
  put('assets/report.css', (at) => out.write(at, templates.css));
  put('assets/print.css', (at) => out.write(at, templates.printCss));
  out.fonts(lang, fonts);
  files.push(`${lang}/assets/fonts.css`, ...fonts.files.map((f) => `${lang}/assets/fonts/${f.name}`));
  for (const f of html.files) put(f.path, (at) => out.writeLater(at, f.content));
  for (const id of html.datasets)
    put(`data/${id}.csv`, (at) => out.copy(at, path.join(ctx.root, data.datasets.get(id)!.file)));
  return { files };
}
