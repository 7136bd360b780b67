import type { SourceNumber, SourcePlace } from '../model/docx-sources.js';
import type { ReviewedDocx } from './read-docx.js';
import { textBefore, type Mark, type ReadParagraph, type Segment } from './paragraphs.js';

/** One thing a reviewer did, where it belongs in the Markdown. */
export interface ReviewItem {
  kind: 'change' | 'comment' | 'format';
  file: string;
  line: number;
  /** The translation unit (or caption, note) of the paragraph. */
  unit: string;
  author: string;
  /** The day (YYYY-MM-DD) Word recorded. */
  date: string;
  deleted?: string;
  inserted?: string;
  /** A comment's text, and the text it is anchored to. */
  comment?: string;
  anchored?: string;
  /** A formatting change: the text and what changed. */
  formatted?: string;
  format?: string;
  /** The paragraph's text (before the changes) just before and after the place. */
  before: string;
  after: string;
  /** Numbers the change touches that come from data (the editor changes the CSV, not the prose). */
  numbers: SourceNumber[];
  /** Where the paragraph came from, when the file says (undefined: a paragraph the reviewer added at the start). */
  place?: SourcePlace;
  /** Where the change starts in the paragraph's text before the changes (for `--apply`). */
  offset: number;
}

const around = 30;

/** Every tracked change, formatting change and comment of a reviewed DOCX, in document order. */
export function reviewItems(doc: ReviewedDocx): ReviewItem[] {
  const items: ReviewItem[] = [];
  let place: SourcePlace | undefined;
  for (const p of doc.paragraphs) {
    place = p.sources.map((s) => doc.places.get(s)).find(Boolean) ?? place;
    items.push(...paragraphItems(p, place, doc));
  }
  return items;
}

function paragraphItems(p: ReadParagraph, place: SourcePlace | undefined, doc: ReviewedDocx): ReviewItem[] {
  const old = textBefore(p);
  const all = p.segments.map((s) => s.text).join('');
  const items: ReviewItem[] = [];
  const base = (mark: Mark, offset: number, length: number, found: string) => ({
    file: place?.file ?? '',
    line: lineOf(place, found),
    unit: place?.unit ?? '',
    author: mark.author,
    date: mark.date.slice(0, 10),
    before: old.slice(Math.max(0, offset - around), offset),
    after: old.slice(offset + length, offset + length + around),
    numbers: (place?.numbers ?? []).filter((n) => overlaps(old, n.shown, offset, length)),
    place,
    offset,
  });
  let offset = 0;
  for (let i = 0; i < p.segments.length;) {
    const s = p.segments[i]!;
    if (s.kind === 'text') {
      if (s.format)
        items.push({
          kind: 'format',
          ...base(s.format, offset, s.text.length, s.text),
          formatted: s.text,
          format: s.format.what,
        });
      offset += s.text.length;
      i++;
      continue;
    }
    // A run of deletions and insertions by one reviewer: one change (a replacement when it has both).
    const run: Segment[] = [];
    while (i < p.segments.length && p.segments[i]!.kind !== 'text' && p.segments[i]!.mark?.author === s.mark?.author)
      run.push(p.segments[i++]!);
    const deleted = run
      .filter((r) => r.kind === 'del')
      .map((r) => r.text)
      .join('');
    const inserted = run
      .filter((r) => r.kind === 'ins')
      .map((r) => r.text)
      .join('');
    items.push({
      kind: 'change',
      ...base(s.mark!, offset, deleted.length, deleted || old.slice(Math.max(0, offset - 12), offset)),
      deleted,
      inserted,
    });
    offset += deleted.length;
  }
  for (const c of p.comments) {
    const comment = doc.comments.get(c.id);
    if (!comment) continue;
    const anchored = all.slice(c.start, c.end);
    const at = oldOffset(p, c.start);
    items.push({ kind: 'comment', ...base(comment, at, anchored.length, anchored), comment: comment.text, anchored });
  }
  return items;
}

/** An offset into the text of all segments → the offset into the text before the changes. */
function oldOffset(p: ReadParagraph, offset: number): number {
  let all = 0;
  let old = 0;
  for (const s of p.segments) {
    if (all >= offset) break;
    const take = Math.min(s.text.length, offset - all);
    all += take;
    if (s.kind !== 'ins') old += take;
  }
  return old;
}

/** Whether `shown` stands in `text` where [offset, offset + length) touches it. */
function overlaps(text: string, shown: string, offset: number, length: number): boolean {
  for (let i = text.indexOf(shown); i >= 0; i = text.indexOf(shown, i + 1))
    if (i < offset + Math.max(1, length) && offset < i + shown.length) return true;
  return false;
}

/** The line of the Markdown file where `found` stands in the unit's source text (its first line if not found). */
function lineOf(place: SourcePlace | undefined, found: string): number {
  if (!place) return 0;
  const i = found ? place.text.indexOf(found) : -1;
  if (i < 0) return place.line;
  return [...place.spans].reverse().find((s) => s.at <= i)?.line ?? place.line;
}

const q = (s: string) => `“${s.replace(/\s+/g, ' ')}”`;

/** The item as one line: `content/zh/02-status.md:10  Name  2026-12-01  deleted “…” inserted “…”`. */
export function itemLine(item: ReviewItem): string {
  const where = item.file ? `${item.file}:${item.line}` : '(before the first paragraph with a source)';
  let what: string;
  if (item.kind === 'comment') what = `commented ${q(item.comment ?? '')} on ${q(item.anchored ?? '')}`;
  else if (item.kind === 'format') what = `formatted ${q(item.formatted ?? '')}: ${item.format}`;
  else
    what = [item.deleted ? `deleted ${q(item.deleted)}` : '', item.inserted ? `inserted ${q(item.inserted)}` : '']
      .filter(Boolean)
      .join(' ');
  const data = item.numbers.map(
    (n) => ` — ${q(n.shown)} is {{num "${n.id}"}} from ${n.file}:${n.line}: change the data, not the prose`,
  );
  return `${where}  ${item.author || '(unknown)'}  ${item.date || '(no date)'}  ${what}${data.join('')}`;
}
