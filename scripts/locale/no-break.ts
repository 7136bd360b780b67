/*
 * What a line must not break between: a number and its unit or label ("RMB 364.27 billion", "图 3", "Figure 3"),
 * and a note's number and the text it follows. The pipeline joins them where it writes them: a space becomes a
 * no-break space (U+00A0); where there is no space (a number straight after a Chinese character, a note
 * reference's superscript) a word joiner (U+2060) forbids the break without taking room.
 */
export const NO_BREAK_SPACE = '\u00a0';
export const WORD_JOINER = '\u2060';

/** The text with its spaces made no-break spaces: a value and its unit kept on one line. */
export function unbroken(text: string): string {
  return text.replace(/ /g, NO_BREAK_SPACE);
}

/** `label` and `n` with `space` between them (a no-break one), or a word joiner when there is no space. */
export function joined(label: string, space: string, n: string | number): string {
  return `${label}${space ? unbroken(space) : WORD_JOINER}${n}`;
}
