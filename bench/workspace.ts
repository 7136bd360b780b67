import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a report is made of: copied from the repo into the bench's own folder. */
const REPORT_PARTS = ['report.yaml', 'content', 'data', 'templates'];

export interface Workspace {
  /** Temp folder holding everything the bench writes. */
  dir: string;
  /** The report copy that gets built (`--root`). */
  root: string;
  /** Scratch space for peer and floor PDFs. */
  scratch: string;
  /** TMPDIR of every child, so what a tool leaves behind (pagedjs-cli leaks Chromium profiles) goes too. */
  tmp: string;
}

export function makeWorkspace(repo: string): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'report-bench-'));
  const root = path.join(dir, 'report');
  const scratch = path.join(dir, 'scratch');
  const tmp = path.join(dir, 'tmp');
  for (const part of REPORT_PARTS) cpSync(path.join(repo, part), path.join(root, part), { recursive: true });
  mkdirSync(scratch);
  mkdirSync(tmp);
  return { dir, root, scratch, tmp };
}

export function removeWorkspace(ws: Workspace): void {
  rmSync(ws.dir, { recursive: true, force: true });
}

/** Back to an empty cache: no output, no chart cache. */
export function resetBuild(root: string): void {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  rmSync(path.join(root, '.cache'), { recursive: true, force: true });
}

/** A file that flips between two versions; `apply(i)` writes the one that differs from what run i-1 left. */
export interface Toggle {
  file: string;
  describe: string;
  apply: (run: number) => void;
}

/** Split one CSV line into raw fields (quotes kept), so one field can be replaced without touching the rest. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  return fields;
}

function decimals(s: string): number {
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

/** The first numeric `value` in a CSV, alternating between its original text and that value + 0.01. */
export function dataValueToggle(csvFile: string): Toggle {
  const original = readFileSync(csvFile, 'utf8');
  const lines = original.split('\n');
  const column = splitCsvLine(lines[0] ?? '').indexOf('value');
  if (column < 0) throw new Error(`${csvFile}: no "value" column`);
  const row = lines.findIndex((l, i) => i > 0 && /^-?\d+(\.\d+)?$/.test(splitCsvLine(l)[column] ?? ''));
  if (row < 0) throw new Error(`${csvFile}: no numeric value`);
  const fields = splitCsvLine(lines[row]!);
  const before = fields[column]!;
  const after = (Number(before) + 0.01).toFixed(Math.max(2, decimals(before)));
  const withValue = (v: string) =>
    lines.map((l, i) => (i === row ? fields.map((f, k) => (k === column ? v : f)).join(',') : l)).join('\n');
  const edited = withValue(after);
  return {
    file: csvFile,
    describe: `${path.basename(csvFile)} line ${row + 1}: value ${before} ↔ ${after}`,
    apply: (run) => writeFileSync(csvFile, run % 2 === 0 ? edited : original),
  };
}

const NOT_PROSE = /^(#|>|[-*+]\s|\d+[.)]\s|\||```|~~~|\s{4}|\t|\{\{|<|\[\^|!\[|:::|---|\*\*\*)/;

/** Index of the last line of the first ordinary prose paragraph (after any front matter). */
function firstProseParagraphEnd(lines: string[]): number {
  let i = 0;
  if (lines[0]?.trim() === '---') {
    i = lines.findIndex((l, k) => k > 0 && l.trim() === '---') + 1;
    if (i === 0) throw new Error('unterminated front matter');
  }
  let fence = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const startsBlock = line.trim() !== '' && (i === 0 || lines[i - 1]!.trim() === '');
    if (fence || !startsBlock || NOT_PROSE.test(line)) continue;
    let end = i;
    while (end + 1 < lines.length && lines[end + 1]!.trim() !== '') end++;
    return end;
  }
  throw new Error('no prose paragraph');
}

/** The first prose paragraph of a Markdown file, with something appended to it (or nothing: the original). */
export interface ParagraphEdit {
  file: string;
  write: (suffix: string) => void;
  restore: () => void;
}

export function paragraphEdit(mdFile: string): ParagraphEdit {
  const original = readFileSync(mdFile, 'utf8');
  const lines = original.split('\n');
  const end = firstProseParagraphEnd(lines);
  const write = (suffix: string) =>
    writeFileSync(
      mdFile,
      suffix ? lines.map((l, i) => (i === end ? l.replace(/\s*$/, '') + suffix : l)).join('\n') : original,
    );
  return { file: mdFile, write, restore: () => write('') };
}

/** Alternates the first prose paragraph between the original and the original plus one word. */
export function paragraphToggle(mdFile: string, word: string): Toggle {
  const edit = paragraphEdit(mdFile);
  return {
    file: mdFile,
    describe: `${path.basename(mdFile)}: first prose paragraph ± "${word}"`,
    apply: (run) => edit.write(run % 2 === 0 ? word : ''),
  };
}

/** content/<lang>/01-*.md of a report. */
export function firstChapter(root: string, lang: string): string {
  const dir = path.join(root, 'content', lang);
  const name = readdirSync(dir)
    .filter((f) => /^01-.*\.md$/.test(f))
    .sort()[0];
  if (!name) throw new Error(`no ${dir}/01-*.md`);
  return path.join(dir, name);
}
