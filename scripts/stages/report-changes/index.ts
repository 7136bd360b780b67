import path from 'node:path';
import type { BuildContext, Lang } from '../../context.js';
import type { ChangeSet, ValueRecord } from '../../model/changes.js';
import { recordValues, type RecordInput } from './record.js';
import { pdfPagesOf, placeOnPages } from './pages.js';
import { diffRecords, hasChanges } from './diff.js';
import { summaryLines } from './summary.js';
import { changesPage } from './page.js';

export { recordValues, diffRecords, summaryLines, changesPage };

export interface PrintedEdition {
  lang: Lang;
  /** The edition's PDF as this build leaves it (printed now, or kept), and as the last build left it. */
  pdf?: Uint8Array;
  lastPdf?: Uint8Array;
  /** heading id → page, as the TOC prints it now, and in the last build. */
  tocPages: Record<string, number>;
  lastTocPages?: Record<string, number>;
  /** Every heading id of the edition, in order. */
  headings: string[];
}

export interface Changes {
  record: ValueRecord;
  set: ChangeSet;
  /** The terminal summary (empty when nothing from data changed or nothing to compare). */
  lines: string[];
  /** dist/changes.html */
  html: string;
}

/**
 * Stage: what the data changed in the report. Records every value the build
 * printed, compares it with the last build's record, and — only when something
 * from data changed, so that other builds pay nothing — reads the old and new
 * PDFs to find the pages where each value landed and the pages that differ.
 *   record values → diff with the last record → (changed) find them on the PDF pages → summary, page
 */
export async function reportChanges(
  ctx: BuildContext,
  input: RecordInput & { printed: PrintedEdition[]; previous?: ValueRecord; since?: string },
): Promise<Changes> {
  const record = recordValues(ctx, input);
  const set = diffRecords(input.previous, record, input.langs);
  if (input.previous && hasChanges(set)) {
    const before = structuredClone(input.previous);
    for (const e of input.printed) {
      if (!e.pdf || !e.lastPdf) continue;
      const now = await pdfPagesOf(ctx.cacheDir, e.pdf);
      const then = e.lastPdf === e.pdf ? now : await pdfPagesOf(ctx.cacheDir, e.lastPdf);
      placeOnPages(record, e.lang, now, e.tocPages, e.headings);
      placeOnPages(before, e.lang, then, e.lastTocPages ?? e.tocPages, e.headings);
      set.pages[e.lang] = changedPages(then.hashes, now.hashes);
    }
    const again = diffRecords(before, record, input.langs);
    Object.assign(set, { changed: again.changed, added: again.added, removed: again.removed });
  }
  return {
    record,
    set,
    lines: summaryLines(set, record, input.langs),
    html: changesPage(set, input.langs, path.join(ctx.cacheDir, 'changes', 'svg'), input.since),
  };
}

function changedPages(before: string[], after: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) if (before[i] !== after[i]) out.push(i + 1);
  return out;
}
