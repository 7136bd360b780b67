import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, Nodes, Parent, Heading, List, Paragraph } from 'mdast';
import type { Chapter } from '../model/content.js';
import { figureAnchor, type Span, type Unit, type UnitKind } from '../model/alignment.js';

/** Stateless, so built once and shared. */
const markdown = unified().use(remarkParse).use(remarkGfm).freeze();

export interface UnitNode {
  node: Nodes;
  kind: UnitKind;
  id: string;
  section: string;
}

const headingId = /\s*\{#([^}]*)\}\s*$/;
/** A paragraph that only places something: `{{figure "…"}}`, `{{table "…"}}`, `{{> byline}}` (as written, or as rendered). */
const slotText = /^\{\{\s*(?:figure|table)\s+"([^"]+)"\s*\}\}$|^\{\{>\s*byline\s*\}\}$/;
/** As rendered: render-markdown's markers carry the edition's key (`<!--report-KEY:figure:fig:x-->`). */
const slotHtml = /^<!--report-[0-9a-f]+:(?:(?:figure|table):([^>]*)|byline)-->$/;

/**
 * Every unit of a chapter's Markdown tree in reading order, with its id. The same walk numbers the
 * chapter as written (for alignment) and as rendered (for the ids of the edition's paragraphs), so the
 * two agree: paragraphs, list items and tables are counted per section (the heading above them).
 */
export function walkUnits(tree: Root, visit: (u: UnitNode) => void): void {
  let section = '';
  const counts = new Map<string, number>();
  const next = (kind: string) => {
    const key = `${section}.${kind}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return `${key}${n}`;
  };
  const list = (node: List): void => {
    for (const item of node.children) {
      if (item.children.some((c) => c.type !== 'list')) visit({ node: item, kind: 'item', id: next('li'), section });
      for (const c of item.children) if (c.type === 'list') list(c);
    }
  };
  const walk = (parent: Parent): void => {
    for (const node of parent.children as Nodes[]) {
      if (node.type === 'heading') {
        const id = headingIdOf(node);
        if (!id) continue;
        section = id;
        visit({ node, kind: 'heading', id, section });
      } else if (node.type === 'paragraph') {
        const slot = slotOf(node);
        if (slot !== undefined) visit({ node, kind: 'slot', id: slot || 'byline', section });
        else visit({ node, kind: 'paragraph', id: next('p'), section });
      } else if (node.type === 'list') list(node);
      else if (node.type === 'blockquote') walk(node);
      else if (node.type === 'table') {
        const t = next('t');
        node.children.forEach((row, r) =>
          row.children.forEach((cell, c) => {
            if (cell.children.length) visit({ node: cell, kind: 'cell', id: `${t}.r${r + 1}c${c + 1}`, section });
          }),
        );
      } else if (node.type === 'footnoteDefinition')
        visit({ node, kind: 'note', id: `note.${node.identifier}`, section });
    }
  };
  walk(tree);
}

function headingIdOf(node: Heading): string | undefined {
  const given = (node.data as { hProperties?: { id?: unknown } } | undefined)?.hProperties?.id;
  if (typeof given === 'string') return given;
  const last = node.children[node.children.length - 1];
  return last?.type === 'text' ? headingId.exec(last.value)?.[1] : undefined;
}

/** The figure or table id a placing paragraph places ('' for the byline), or undefined for a text paragraph. */
function slotOf(node: Paragraph): string | undefined {
  if (node.children.length !== 1) return undefined;
  const only = node.children[0]!;
  const m =
    only.type === 'text'
      ? slotText.exec(only.value.trim())
      : only.type === 'html'
        ? slotHtml.exec(only.value.trim())
        : null;
  return m ? (m[1] ?? '') : undefined;
}

/** A chapter as written, split into units with their text and place in the file. */
export function chapterUnits(chapter: Chapter): Unit[] {
  const body = withoutComments(chapter.body);
  const tree = markdown.parse(body) as Root;
  const units: Unit[] = [];
  walkUnits(tree, ({ node, kind, id, section }) => {
    const range = rangeOf(node, kind);
    if (!range) return;
    const { start, end } = range;
    const { text: folded, spans } = fold(
      body,
      start.offset!,
      end.offset!,
      start.line + chapter.bodyLine - 1,
      start.column,
    );
    const text = kind === 'heading' ? folded.replace(headingId, '') : folded;
    if (!text) return;
    const anchor =
      kind === 'note'
        ? `note-${id.slice('note.'.length)}`
        : kind === 'cell'
          ? section
          : kind === 'slot'
            ? id === 'byline'
              ? section
              : figureAnchor(id)
            : id;
    units.push({
      id,
      kind,
      section,
      text,
      file: chapter.file,
      line: spans[0]!.line,
      column: spans[0]!.column,
      spans,
      anchor,
    });
  });
  return units;
}

/**
 * The body without its Handlebars comments (`{{!-- … --}}`, `{{! … }}`): they are notes to authors, not text to
 * translate, and the edition prints nothing for them. A comment on a line of its own leaves that line empty, as
 * rendering does (ignoreStandalone), so the units are split as the edition is; line breaks inside a comment are
 * kept so that later lines keep their numbers.
 */
function withoutComments(body: string): string {
  return body.replace(/\{\{!--[\s\S]*?--\}\}|\{\{!(?!--)[\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ''));
}

type Point = { line: number; column: number; offset?: number };

/** The part of the source a unit's text is: a list item without its marker and sub-lists, a note without its label. */
function rangeOf(node: Nodes, kind: UnitKind): { start: Point; end: Point } | undefined {
  if (kind === 'paragraph' || kind === 'slot') return node.position;
  const children = ((node as Parent).children as Nodes[]).filter((c) => c.type !== 'list' && c.position);
  const first = children[0];
  const last = children[children.length - 1];
  if (!first || !last) return undefined;
  return { start: first.position!.start, end: last.position!.end };
}

/**
 * The source between two offsets with line breaks (and the indentation or `>` after them) folded into one
 * space, and where each run of it starts in the file.
 */
export function fold(
  src: string,
  start: number,
  end: number,
  line: number,
  column: number,
): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  let l = line;
  let c = column;
  let fresh = true;
  let i = start;
  while (i < end) {
    const ch = src[i]!;
    if (ch === '\n' || ch === '\r') {
      // the break, the indentation and blockquote markers after it
      while (i < end && /[\s>]/.test(src[i]!)) {
        if (src[i] === '\n') {
          l++;
          c = 1;
        } else c++;
        i++;
      }
      text = text.replace(/[ \t]+$/, '');
      if (i < end && text) text += ' ';
      fresh = true;
      continue;
    }
    if (fresh) {
      spans.push({ at: text.length, line: l, column: c });
      fresh = false;
    }
    text += ch;
    c++;
    i++;
  }
  return { text: text.trimEnd(), spans: spans.length ? spans : [{ at: 0, line, column }] };
}

/** Line and column in the file of the character at `index` of a unit's text. */
export function positionOf(unit: Pick<Unit, 'spans'>, index: number): { line: number; column: number } {
  let span = unit.spans[0]!;
  for (const s of unit.spans) if (s.at <= index) span = s;
  return { line: span.line, column: span.column + Math.max(0, index - span.at) };
}

/** The last line a unit's text reaches. */
export function lastLineOf(unit: Unit): number {
  return positionOf(unit, unit.text.length - 1).line;
}
