/** Positions in source text: line and column, 1-based, as the catalogue prints them. */
/** Where a string first occurs in a file's text (line 1 when it does not). */
export function lineOf(text: string, needle: string, file: string): { file: string; line: number; column: number } {
  const i = text.indexOf(needle);
  return { file, ...(i < 0 ? { line: 1, column: 1 } : lineCol(text, i)) };
}

/** Line and column (1-based) of a character offset. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}
