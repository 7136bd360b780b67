import type { Root as MdRoot, RootContent, PhrasingContent, FootnoteDefinition, Text } from 'mdast';
import type { ElementContent } from 'hast';
import type { BuildContext } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { CitationUse } from '../../model/edition.js';
import type { References } from '../../model/references.js';
import { nearest } from '../../diagnostics/did-you-mean.js';
import { findCitations, type Citation, type CiteItem } from '../../units/citation-syntax.js';
import type { CiteEngine } from './cite-engine.js';

type Pos = { line: number; column: number };
type At = (node: { position?: { start: Pos } }) => { file: string; line: number; column: number };

/** One chapter of one edition whose citations are being resolved. */
export interface CitationScope {
  ctx: BuildContext;
  chapter: Chapter;
  refs: References | undefined;
  /** Made on the first citation (citeproc is not loaded for a report that cites nothing). */
  engine: () => CiteEngine | undefined;
  at: At;
  /** Every citation of the edition, in order (what check-parity and the translation compare). */
  uses: CitationUse[];
  /** Citation notes made in this chapter so far (their ids: `cite-<chapter>-<n>`). */
  made: number;
}

/**
 * Citations in Pandoc's syntax (citation-syntax.ts) resolved against the report's references and formatted by
 * the edition's CSL style (cite-engine.ts). In the text a citation becomes a note of its own — a footnote
 * reference and its definition, numbered with the other notes by notes.ts —; `@key` in running text leaves the
 * author's name in the text as well. In a note, a citation joins the note's text. An unknown key is reported at
 * its line and column, with the nearest known key (`@name` in running text is left alone in a report without
 * a bibliography).
 */
export function resolveCitations(scope: CitationScope, tree: MdRoot): void {
  const notes: FootnoteDefinition[] = [];
  walk(scope, tree, false, notes);
  tree.children.push(...notes);
}

type Parent = { type: string; children: RootContent[] };

/** Each text run outside links, in document order; `inNote` inside a note's definition. */
function walk(scope: CitationScope, parent: Parent, inNote: boolean, notes: FootnoteDefinition[]): void {
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i]!;
    if (node.type === 'link' || node.type === 'linkReference') continue;
    if ('children' in node) walk(scope, node as Parent, inNote || node.type === 'footnoteDefinition', notes);
    if (node.type !== 'text') continue;
    // Without a bibliography, `@name` in running text is a handle, not a citation.
    const found = findCitations(node.value).filter((c) => (scope.refs || !c.inText) && known(scope, node, c));
    if (!found.length) continue;
    const parts = replacement(scope, node, found, inNote, notes) as RootContent[];
    parent.children.splice(i, 1, ...parts);
    i += parts.length - 1;
  }
}

/** Whether every key of the citation is a reference; each one that is not is reported. */
function known(scope: CitationScope, node: Text, c: Citation): boolean {
  let ok = true;
  for (const item of c.items) {
    const place = placeOf(scope, node, item);
    if (scope.refs?.items.has(item.key)) {
      scope.uses.push({ key: item.key, ...place });
      continue;
    }
    ok = false;
    const near = scope.refs ? nearest(item.key, scope.refs.items.keys()) : '';
    scope.ctx.diagnostics.report('unknown-citation', place, [item.key, near], [scope.refs?.file ?? '']);
  }
  return ok;
}

/** The text run with its citations replaced: note references (in the text) or the formatted citation (in a note). */
function replacement(
  scope: CitationScope,
  node: Text,
  found: Citation[],
  inNote: boolean,
  notes: FootnoteDefinition[],
): PhrasingContent[] {
  const engine = scope.engine();
  const out: PhrasingContent[] = [];
  let from = 0;
  for (const c of found) {
    // A note's number stands against the word before it ("a book [@a]" → "a book³"), as Pandoc sets it.
    const text = node.value.slice(from, c.start);
    const before = inNote || c.inText ? text : text.trimEnd();
    if (before) out.push({ type: 'text', value: before });
    from = c.end;
    if (!engine) continue;
    const next = node.value.slice(c.end);
    if (inNote) {
      const children = engine.note(c.items);
      from += endNoteCitation(children, next);
      out.push(cited(c.items, children));
      continue;
    }
    if (c.inText) out.push(cited(c.items, engine.author(c.items[0]!)));
    const id = `cite-${scope.chapter.id}-${++scope.made}`;
    out.push({ type: 'footnoteReference', identifier: id, label: id, position: node.position });
    notes.push({
      type: 'footnoteDefinition',
      identifier: id,
      label: id,
      children: [{ type: 'paragraph', children: [cited(c.items, engine.note(c.items))] }],
      position: node.position,
    });
  }
  const rest = node.value.slice(from);
  if (rest) out.push({ type: 'text', value: rest });
  return out;
}

/** A citation's formatted text in the tree: a span that remark-rehype turns into the hast citeproc gave. */
function cited(items: CiteItem[], children: ElementContent[]): PhrasingContent {
  return {
    type: 'citation',
    data: {
      hName: 'span',
      hProperties: { className: ['citation'], dataCites: items.map((i) => i.key).join(' ') },
      hChildren: children,
    },
  } as unknown as PhrasingContent;
}

/**
 * A citation inside a note's sentence ("See [@a]."), which the style ends with a full stop: the sentence's own
 * stop after it is dropped (a stop inside closing quotes stays, as Chicago wants it); before other punctuation
 * (",", "。") the citation's stop is. Returns how many characters of the text after it to skip.
 */
function endNoteCitation(children: ElementContent[], next: string): number {
  const last = children.at(-1);
  if (last?.type !== 'text' || !/\.[”’]?$/.test(last.value)) return 0;
  if (next.startsWith('.')) return 1;
  if (/^[,;:。，；：]/.test(next)) last.value = last.value.replace(/\.([”’]?)$/, '$1');
  return 0;
}

/**
 * Where a key stands in the chapter: the text run's start, moved on by the lines and columns before it. The
 * text was parsed after Handlebars rendered the chapter ({{num}} printed), so the column is then found again
 * in the line as written: the `@key` there nearest to it.
 */
function placeOf(scope: CitationScope, node: Text, item: CiteItem): { file: string; line: number; column: number } {
  const start = scope.at(node);
  const lines = node.value.slice(0, item.offset).split('\n');
  const line = start.line + lines.length - 1;
  const column = lines.length === 1 ? start.column + item.offset : lines.at(-1)!.length + 1;
  const written = scope.chapter.body.split('\n')[line - scope.chapter.bodyLine] ?? '';
  const found = [...written.matchAll(new RegExp(`@${item.key.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}`, 'g'))];
  const best = found.map((m) => m.index + 1).sort((a, b) => Math.abs(a - column) - Math.abs(b - column))[0];
  return { file: start.file, line, column: best ?? column };
}
