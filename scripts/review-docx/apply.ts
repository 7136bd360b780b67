import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { itemLine, type ReviewItem } from './changes.js';

/** What `--apply` did with each tracked text change. */
export interface Applied {
  applied: ReviewItem[];
  /** Changes left for the editor, each with why. */
  left: { item: ReviewItem; why: string }[];
  files: string[];
}

/**
 * Applies the tracked text changes (insertions and deletions, as if accepted) to the Markdown the paragraphs came
 * from: the deleted text is found in the unit's lines of the file and replaced, an insertion goes after the words
 * before it. A change to a number that comes from data is never applied (the editor changes the CSV), nor one
 * whose text is not found once in the unit's lines (it spans Markdown marks or a `{{…}}` expression).
 */
export function applyChanges(root: string, items: ReviewItem[]): Applied {
  const result: Applied = { applied: [], left: [], files: [] };
  const files = new Map<string, string[]>();
  for (const item of items.filter((i) => i.kind === 'change')) {
    const why = reasonNotTo(item);
    if (why) {
      result.left.push({ item, why });
      continue;
    }
    const file = path.join(root, item.file);
    if (!files.has(item.file)) files.set(item.file, readFileSync(file, 'utf8').split('\n'));
    const lines = files.get(item.file)!;
    const done = applyOne(lines, item);
    if (done === true) result.applied.push(item);
    else result.left.push({ item, why: done });
  }
  for (const [file, lines] of files) {
    writeFileSync(path.join(root, file), lines.join('\n'));
    result.files.push(file);
  }
  return result;
}

function reasonNotTo(item: ReviewItem): string | undefined {
  if (item.numbers.length) return 'a number from data';
  if (!item.place || !/\.md$/.test(item.file)) return 'not in a chapter’s Markdown';
  if (!item.place.spans.length) return 'no source text recorded for this paragraph';
  return undefined;
}

/** One change into the unit's lines of the file: true, or why not. */
function applyOne(lines: string[], item: ReviewItem): true | string {
  const spans = item.place!.spans;
  const first = spans[0]!.line - 1;
  const last = spans[spans.length - 1]!.line - 1;
  const region = lines.slice(first, last + 1).join('\n');
  const deleted = item.deleted ?? '';
  const inserted = item.inserted ?? '';
  let at: number;
  let length: number;
  if (deleted) {
    at = onlyIndex(region, deleted);
    length = deleted.length;
  } else {
    const anchor = item.before.slice(-12);
    at = anchor ? onlyIndex(region, anchor) : -1;
    if (at >= 0) at += anchor.length;
    length = 0;
  }
  if (at < 0)
    return `“${deleted || item.before.slice(-12)}” is not found once in ${item.file}:${first + 1}–${last + 1}`;
  if (insideExpression(region, at, length)) return 'inside a {{…}} expression';
  const changed = region.slice(0, at) + inserted + region.slice(at + length);
  lines.splice(first, last - first + 1, ...changed.split('\n'));
  return true;
}

function onlyIndex(text: string, part: string): number {
  const i = text.indexOf(part);
  return i >= 0 && text.indexOf(part, i + 1) < 0 ? i : -1;
}

function insideExpression(text: string, at: number, length: number): boolean {
  for (const m of text.matchAll(/\{\{[^}]*\}\}/g)) if (at < m.index + m[0].length && m.index < at + length) return true;
  return false;
}

/** The lines `--apply` prints. */
export function appliedLines(a: Applied): string[] {
  return [
    ...a.applied.map((i) => `applied      ${itemLine(i)}`),
    ...a.left.map(({ item, why }) => `not applied  ${itemLine(item)} — ${why}`),
  ];
}
