import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { BuildFailed, catalogue } from '../diagnostics/catalogue.js';

/**
 * `npm run review -- FILE.docx [--apply]`: what the reviewers did in a DOCX edition — every comment, tracked
 * change and formatting change at the Markdown file:line it belongs to — as lines and as `FILE.review.html`
 * beside the file; with `--apply`, the tracked text changes written into the Markdown (docs/review.md).
 */
export async function reviewCommand(
  file: string,
  opts: { root: string; apply: boolean; log: (line: string) => void },
): Promise<number> {
  const { readDocx, NotReviewable } = await import('../review-docx/read-docx.js');
  const { reviewItems, itemLine } = await import('../review-docx/changes.js');
  const { reviewPage } = await import('../review-docx/page.js');
  const shown = path.relative(process.cwd(), file) || file;
  const fail = (why: string) => {
    const entry = catalogue['review-file'];
    return new BuildFailed([
      { file: shown, severity: 'error', rule: 'review-file', message: entry.message(why), hint: entry.hint() },
    ]);
  };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw fail('does not exist or cannot be read');
  }
  let doc;
  try {
    doc = await readDocx(bytes);
  } catch (e) {
    if (e instanceof NotReviewable) throw fail(e.message);
    throw e;
  }
  const items = reviewItems(doc);
  const page = file.replace(/\.docx$/i, '') + '.review.html';
  writeFileSync(page, reviewPage(path.basename(file), items, path.relative(path.dirname(page), opts.root) || '.'));
  opts.log(
    items.length
      ? `${items.length} change(s) and comment(s) (details: ${path.relative(process.cwd(), page)}):\n  ${items.map(itemLine).join('\n  ')}`
      : `no changes or comments in ${shown}`,
  );
  if (!opts.apply) return 0;
  const { applyChanges, appliedLines } = await import('../review-docx/apply.js');
  const applied = applyChanges(opts.root, items);
  opts.log(`--apply:\n  ${appliedLines(applied).join('\n  ') || 'no tracked text changes'}`);
  if (applied.applied.length)
    opts.log('the other edition’s units that translate the changed ones are now stale: npm run check lists them');
  return 0;
}
