/**
 * An RFC 4180 CSV reader that keeps each cell's line and column for messages.
 *
 * Hand-written rather than csv-parse: messages need the line and column of
 * every cell (csv-parse gives a record's lines, not its cells' columns), and
 * the mistakes worth a message of their own are few. A record ends at LF or
 * CRLF; a lone CR (classic Mac line endings), text after a closing quote and a
 * quote inside an unquoted field are problems, each reported once where it
 * stands, never read as something else.
 */
export interface CsvCell {
  text: string;
  line: number;
  column: number;
}

export interface CsvTable {
  header: CsvCell[];
  rows: CsvCell[][];
}

export interface CsvProblem {
  message: string;
  hint: string;
  line: number;
  column: number;
}

/** Where the reader stands in the text, and the problems it has reported so far. */
interface Reader {
  text: string;
  i: number;
  line: number;
  lineStart: number;
  problems: CsvProblem[];
  reported: Set<string>;
}

export function parseCsv(text: string): { table: CsvTable; problems: CsvProblem[] } {
  const r: Reader = { text, i: 0, line: 1, lineStart: 0, problems: [], reported: new Set<string>() };
  const records: CsvCell[][] = [];
  let record: CsvCell[] = [];
  const n = text.length;
  while (r.i < n) {
    const cellLine = r.line;
    const cellCol = r.i - r.lineStart + 1;
    const value = text[r.i] === '"' ? readQuotedField(r, cellLine, cellCol) : readUnquotedField(r);
    record.push({ text: value, line: cellLine, column: cellCol });
    if (text[r.i] === ',') {
      r.i++;
      if (r.i === n || text[r.i] === '\n' || text[r.i] === '\r')
        record.push({ text: '', line: r.line, column: r.i - r.lineStart + 1 });
      else continue;
    }
    if (r.i >= n || stepOverNewline(r)) {
      if (!(record.length === 1 && record[0]!.text === '')) records.push(record);
      record = [];
    }
  }
  if (record.length) records.push(record);
  const [header = [], ...rows] = records;
  return { table: { header, rows }, problems: r.problems };
}

/** Reports a problem at offset `at` of the current line, once per kind and file: the first place says what to fix. */
function report(r: Reader, kind: string, message: string, hint: string, at: number): void {
  if (r.reported.has(kind)) return;
  r.reported.add(kind);
  r.problems.push({ message, hint, line: r.line, column: at - r.lineStart + 1 });
}

/** Whether the reader stands at the end of a field: a comma, a line break or the end of the text. */
function atFieldEnd(r: Reader): boolean {
  return r.i >= r.text.length || r.text[r.i] === ',' || r.text[r.i] === '\n' || r.text[r.i] === '\r';
}

/** At a line break (LF, CRLF, or a lone CR, which is reported): step over it. */
function stepOverNewline(r: Reader): boolean {
  const { text } = r;
  if (text[r.i] === '\r' && text[r.i + 1] !== '\n') {
    report(
      r,
      'cr',
      'a line ends with a lone CR (classic Mac line endings)',
      'save the file with LF or CRLF line endings',
      r.i,
    );
    r.i++;
  } else if (text[r.i] === '\r') r.i += 2;
  else if (text[r.i] === '\n') r.i++;
  else return false;
  r.line++;
  r.lineStart = r.i;
  return true;
}

/** A field that starts with a quote, the reader at that quote: its value, with doubled quotes and line breaks kept. */
function readQuotedField(r: Reader, cellLine: number, cellCol: number): string {
  const { text } = r;
  const n = text.length;
  let value = '';
  r.i++;
  let closed = false;
  while (r.i < n) {
    const ch = text[r.i]!;
    if (ch === '"') {
      if (text[r.i + 1] === '"') {
        value += '"';
        r.i += 2;
        continue;
      }
      r.i++;
      closed = true;
      break;
    }
    if (ch === '\n' || (ch === '\r' && text[r.i + 1] !== '\n')) {
      value += ch;
      r.i++;
      r.line++;
      r.lineStart = r.i;
      continue;
    }
    value += ch;
    r.i++;
  }
  if (!closed) {
    r.problems.push({
      message: 'a quoted field is never closed',
      hint: 'close the quoted field with "',
      line: cellLine,
      column: cellCol,
    });
  } else if (!atFieldEnd(r)) {
    report(
      r,
      'after-quote',
      `text after the closing quote of "${value}"`,
      'put the whole value inside the quotes, and double a quote that is part of it ("")',
      r.i,
    );
    while (!atFieldEnd(r)) value += text[r.i++];
  }
  return value;
}

/** A field that does not start with a quote: its text up to the next comma or line break. */
function readUnquotedField(r: Reader): string {
  let value = '';
  while (!atFieldEnd(r)) {
    if (r.text[r.i] === '"')
      report(
        r,
        'inner-quote',
        'a quote inside a field that does not start with one',
        'quote the whole field and double the quote inside it ("a ""b"" c")',
        r.i,
      );
    value += r.text[r.i++];
  }
  return value;
}
