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

export function parseCsv(text: string): { table: CsvTable; problems: CsvProblem[] } {
  const records: CsvCell[][] = [];
  const problems: CsvProblem[] = [];
  const reported = new Set<string>();
  const problem = (kind: string, message: string, hint: string, at: number) => {
    if (reported.has(kind)) return; // once per kind and file: the first place says what to fix
    reported.add(kind);
    problems.push({ message, hint, line, column: at - lineStart + 1 });
  };
  let record: CsvCell[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  /** At a line break (LF, CRLF, or a lone CR, which is reported): step over it. */
  const newline = (): boolean => {
    if (text[i] === '\r' && text[i + 1] !== '\n') {
      problem('cr', 'a line ends with a lone CR (classic Mac line endings)', 'save the file with LF or CRLF line endings', i);
      i++;
    } else if (text[i] === '\r') i += 2;
    else if (text[i] === '\n') i++;
    else return false;
    line++;
    lineStart = i;
    return true;
  };
  while (i < n) {
    const cellLine = line;
    const cellCol = i - lineStart + 1;
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
          value += ch;
          i++;
          line++;
          lineStart = i;
          continue;
        }
        value += ch;
        i++;
      }
      if (!closed) {
        problems.push({ message: 'a quoted field is never closed', hint: 'close the quoted field with "', line: cellLine, column: cellCol });
      } else if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        problem('after-quote', `text after the closing quote of "${value}"`, 'put the whole value inside the quotes, and double a quote that is part of it ("")', i);
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') problem('inner-quote', 'a quote inside a field that does not start with one', 'quote the whole field and double the quote inside it ("a ""b"" c")', i);
        value += text[i++];
      }
    }
    record.push({ text: value, line: cellLine, column: cellCol });
    if (text[i] === ',') {
      i++;
      if (i === n || text[i] === '\n' || text[i] === '\r') record.push({ text: '', line, column: i - lineStart + 1 });
      else continue;
    }
    if (i >= n || newline()) {
      if (!(record.length === 1 && record[0]!.text === '')) records.push(record);
      record = [];
    }
  }
  if (record.length) records.push(record);
  const [header = [], ...rows] = records;
  return { table: { header, rows }, problems };
}
