import type { BuildContext } from '../context.js';

/**
 * What a chapter may be before the build reads its Markdown (measured on a loaded 2-core machine, CPU time of
 * `npm run check` on one chapter pair: 0.5 MB 2.7 s, 1 MB 5.8 s, 5 MB 25 s and 1.3 GB of memory; the default
 * report's largest chapter is 25 KB). Past these the build would spend seconds on end in work it cannot
 * interrupt (the Markdown parser), and print hundreds of pages.
 */
export const MAX_CHAPTER_KB = 512;

/** Lists nested deeper than this run off the printed page (a level's indent is 1.5 em). */
export const MAX_LIST_DEPTH = 8;

/**
 * Columns of list markers, quote markers and indentation before a line's text past which the chapter is not
 * parsed: the Markdown parser's time grows with the square of the nesting (a list 300 levels deep: 5 s, 1,000
 * levels: minutes). Well past MAX_LIST_DEPTH levels of any list style.
 */
export const MAX_PREFIX_COLUMNS = 100;

/** The container prefix of a line: spaces, tabs (to the next multiple of 4), `>` and list markers, in columns. */
function prefixColumns(line: string): number {
  let cols = 0;
  let i = 0;
  for (;;) {
    const ch = line[i];
    if (ch === ' ' || ch === '>') [cols, i] = [cols + 1, i + 1];
    else if (ch === '\t') [cols, i] = [cols + 4 - (cols % 4), i + 1];
    else {
      const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t])/.exec(line.slice(i, i + 11));
      if (!marker) return cols;
      [cols, i] = [cols + marker[0].length, i + marker[0].length];
    }
  }
}

/** Whether a chapter's text is one the build can take: its size, and how deep its lines are nested; each problem said once. */
export function checkChapterLimits(ctx: BuildContext, file: string, text: string): boolean {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_CHAPTER_KB * 1024) {
    ctx.diagnostics.report(
      'chapter-too-large',
      { file, line: 1, column: 1 },
      [String(Math.ceil(bytes / 1024)), String(MAX_CHAPTER_KB)],
      [String(MAX_CHAPTER_KB)],
    );
    return false;
  }
  const lines = text.split('\n');
  for (const [n, line] of lines.entries()) {
    const cols = prefixColumns(line);
    if (cols <= MAX_PREFIX_COLUMNS) continue;
    ctx.diagnostics.report(
      'nested-too-deep',
      { file, line: n + 1, column: 1 },
      [String(cols), String(MAX_PREFIX_COLUMNS)],
      [String(MAX_LIST_DEPTH)],
    );
    return false;
  }
  return true;
}
