/*
 * What a line must not break between: a number and its unit or label ("RMB 364.27 billion", "图 3", "Figure 3").
 * The pipeline joins them where it writes them: their space becomes a no-break space (U+00A0). (A note's
 * number is kept with the text before it by render-markdown/notes.ts. A word joiner, U+2060, would join a
 * label written without a space, but no bundled font has one: the PDF would embed a system font for it.)
 */
export const NO_BREAK_SPACE = '\u00a0';

/** The text with its spaces made no-break spaces: a value and its unit kept on one line. */
export function unbroken(text: string): string {
  return text.replace(/ /g, NO_BREAK_SPACE);
}

/** `label` and `n` with `space` between them, a no-break one ("图 3", "Figure 3"). */
export function joined(label: string, space: string, n: string | number): string {
  return `${label}${unbroken(space)}${n}`;
}
