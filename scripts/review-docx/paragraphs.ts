import { findAll, wordText, type XNode } from './xml.js';

/** Who made a tracked change, and when (as Word records it: `w:author`, `w:date`). */
export interface Mark {
  author: string;
  date: string;
}

/** A run of a paragraph's text: unchanged, inserted or deleted (tracked), or with its formatting changed. */
export interface Segment {
  kind: 'text' | 'ins' | 'del';
  text: string;
  mark?: Mark;
  /** A tracked formatting change on this text: who, when, and what changed ("bold", "italic"…). */
  format?: Mark & { what: string };
}

/** A comment's anchor: where in the paragraph's text (all segments, deleted ones included) it starts and ends. */
export interface CommentRange {
  id: string;
  start: number;
  end: number;
}

export interface ReadParagraph {
  /** The names of the `_Src` bookmarks that start in it (the writer puts one on each paragraph with a source). */
  sources: string[];
  segments: Segment[];
  comments: CommentRange[];
  /** Where it is: the body, or a footnote. */
  part: 'body' | 'footnote';
}

const markOf = (n: XNode): Mark => ({ author: n.attrs['w:author'] ?? '', date: n.attrs['w:date'] ?? '' });

/** Word's names of run properties, as a reviewer reads them. */
const formatNames: Record<string, string> = {
  'w:b': 'bold',
  'w:i': 'italic',
  'w:u': 'underline',
  'w:strike': 'strikethrough',
  'w:vertAlign': 'super/subscript',
  'w:color': 'colour',
  'w:sz': 'size',
  'w:rFonts': 'font',
  'w:highlight': 'highlight',
  'w:caps': 'capitals',
  'w:smallCaps': 'small capitals',
};

/** The paragraphs of a part (`w:body`, or each `w:footnote`), with their tracked changes and comment anchors. */
export function readParagraphs(root: XNode[], part: ReadParagraph['part']): ReadParagraph[] {
  return findAll(root, 'w:p').map((p) => {
    const para: ReadParagraph = { sources: [], segments: [], comments: [], part };
    const open = new Map<string, number>();
    let length = 0;
    const walk = (nodes: XNode[], change: Segment['kind'], mark: Mark | undefined): void => {
      for (const n of nodes) {
        if (n.name === 'w:bookmarkStart' && (n.attrs['w:name'] ?? '').startsWith('_Src'))
          para.sources.push(n.attrs['w:name']!);
        else if (n.name === 'w:commentRangeStart') open.set(n.attrs['w:id'] ?? '', length);
        else if (n.name === 'w:commentRangeEnd') {
          const id = n.attrs['w:id'] ?? '';
          para.comments.push({ id, start: open.get(id) ?? 0, end: length });
          open.delete(id);
        } else if (n.name === 'w:ins' || n.name === 'w:moveTo') walk(n.children, 'ins', markOf(n));
        else if (n.name === 'w:del' || n.name === 'w:moveFrom') walk(n.children, 'del', markOf(n));
        else if (n.name === 'w:r') {
          const text = wordText(n);
          if (!text) continue;
          para.segments.push({ kind: change, text, mark, format: formatChange(n) });
          length += text.length;
        } else if (n.name !== 'w:pPr' && n.name !== '#text') walk(n.children, change, mark);
      }
    };
    walk(p.children, 'text', undefined);
    // A comment that starts here and ends in a later paragraph: anchored to the rest of this one.
    for (const [id, start] of open) para.comments.push({ id, start, end: length });
    return para;
  });
}

/** A run's tracked formatting change (`w:rPrChange`): what its properties are now that they were not. */
function formatChange(run: XNode): Segment['format'] {
  const rPr = run.children.find((c) => c.name === 'w:rPr');
  const change = rPr?.children.find((c) => c.name === 'w:rPrChange');
  if (!rPr || !change) return undefined;
  const before = new Set((change.children.find((c) => c.name === 'w:rPr')?.children ?? []).map((c) => c.name));
  const now = new Set(rPr.children.map((c) => c.name).filter((n) => n !== 'w:rPrChange'));
  const changed = [...new Set([...now, ...before])].filter((n) => now.has(n) !== before.has(n) && formatNames[n]);
  const what = changed.map((n) => `${before.has(n) ? 'not ' : ''}${formatNames[n]}`).join(', ') || 'formatting';
  return { ...markOf(change), what };
}

/** The paragraph's text before the tracked changes (deletions kept, insertions left out). */
export const textBefore = (p: ReadParagraph): string =>
  p.segments
    .filter((s) => s.kind !== 'ins')
    .map((s) => s.text)
    .join('');

/** The paragraph's text with the tracked changes accepted. */
export const textAfter = (p: ReadParagraph): string =>
  p.segments
    .filter((s) => s.kind !== 'del')
    .map((s) => s.text)
    .join('');
