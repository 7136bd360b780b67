/** A small RFC 4180 CSV reader that keeps each cell's line and column for messages. */
export interface CsvCell {
  text: string;
  line: number;
  column: number;
}

export interface CsvTable {
  header: CsvCell[];
  rows: CsvCell[][];
}

export type CsvProblem = { kind: 'syntax'; message: string; line: number; column: number };

export function parseCsv(text: string): { table: CsvTable; problems: CsvProblem[] } {
  const records: CsvCell[][] = [];
  const problems: CsvProblem[] = [];
  let record: CsvCell[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
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
        if (ch === '\n') {
          line++;
          lineStart = i + 1;
        }
        value += ch;
        i++;
      }
      if (!closed) problems.push({ kind: 'syntax', message: 'a quoted field is never closed', line: cellLine, column: cellCol });
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    }
    record.push({ text: value, line: cellLine, column: cellCol });
    if (text[i] === ',') {
      i++;
      if (i === n || text[i] === '\n' || text[i] === '\r') record.push({ text: '', line, column: i - lineStart + 1 });
      else continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n' || i >= n) {
      if (!(record.length === 1 && record[0]!.text === '')) records.push(record);
      record = [];
      if (text[i] === '\n') {
        i++;
        line++;
        lineStart = i;
      }
    }
  }
  if (record.length) records.push(record);
  const [header = [], ...rows] = records;
  return { table: { header, rows }, problems };
}
