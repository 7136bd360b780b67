import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { Lang } from '../context.js';
import type { BuildRecord } from '../incremental/build-record.js';
import { previousOutput } from '../incremental/reuse.js';
import type { OutputRecords } from '../outputs/make-outputs.js';
import type { PdfState } from '../outputs/pdf/index.js';
import type { PrintedEdition } from '../stages/report-changes/index.js';
import type { EditionPage } from './editions.js';

/**
 * Each edition's PDF as this build leaves it (printed now, or kept) and as the last build left it, with where
 * their TOC entries landed: the change report finds the pages a changed value is printed on.
 */
export function printedEditions(
  pages: EditionPage[],
  records: OutputRecords,
  previous: BuildRecord | undefined,
  outDir: string,
  stagingDir: string,
): PrintedEdition[] {
  return pages.map(({ lang, html }) => {
    const now = records.pdf?.[lang];
    const last = previous?.formats.pdf?.[lang];
    const lastPdf = last ? previousOutput(previous, outDir, last.files[0]!) : undefined;
    const staged = now && path.join(stagingDir, now.files[0]!);
    // A kept PDF is the last one (its record is the last build's).
    const pdf = now && now === last ? lastPdf : staged && existsSync(staged) ? readFileSync(staged) : undefined;
    const state = (r?: { state?: unknown }) => r?.state as PdfState | undefined;
    return {
      lang: lang as Lang,
      pdf,
      lastPdf,
      tocPages: state(now)?.tocPages ?? {},
      lastTocPages: state(last)?.tocPages,
      headings: html.headings.map((h) => h.id),
    };
  });
}
