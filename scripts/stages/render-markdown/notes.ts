import type { Root as MdRoot, RootContent, FootnoteDefinition, PhrasingContent } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import type { BuildContext } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { Strings } from '../../model/templates.js';
import type { NoteState } from '../../model/edition.js';

type At = (node: { position?: { start: { line: number; column: number } } }) => {
  file: string;
  line: number;
  column: number;
};

/**
 * Notes are numbered across the whole edition (remark-rehype would restart at 1
 * in every chapter) and listed at the end of the chapter that cites them, each
 * linked both ways with the text. A note cited in two chapters is listed in
 * both, with the same number; the element ids stay unique in the page (the
 * first listing is `note-<id>`, a later one `note-<id>-in-<chapter>`; the
 * references `ref-<id>`, `ref-<id>-2`, … across the edition), and its
 * definitions must say the same thing.
 */
export function collectNotes(
  ctx: BuildContext,
  tree: MdRoot,
  chapter: Chapter,
  strings: Strings,
  state: NoteState,
  at: At,
): void {
  const scope: NoteScope = { ctx, chapter, state, at };
  const defs = takeDefinitions(scope, tree);
  const here = numberReferences(scope, tree, defs);
  checkDefinitions(scope, defs, here);
  if (here.size) tree.children.push(noteList(state, strings, defs, here, notesLabel(strings, tree)));
}

/**
 * The accessible name of a chapter's notes: "Notes" and the chapter's title, so that each chapter's notes are a
 * landmark of their own name (WCAG 2.2 via axe `landmark-unique`), not one of several called "Notes".
 */
function notesLabel(strings: Strings, tree: MdRoot): string {
  const heading = tree.children.find((n) => n.type === 'heading');
  const title = heading ? toString(heading).trim() : '';
  return title ? `${strings.notesOf}${title}` : strings.notes;
}

/** One chapter of one edition, whose notes are being collected. */
interface NoteScope {
  ctx: BuildContext;
  chapter: Chapter;
  state: NoteState;
  at: At;
}

/** A note cited in this chapter: its element id in this chapter's list, and the first reference to it here (where its back link goes). */
interface NoteHere {
  anchor: string;
  backTo: string;
}

/** Takes the note definitions out of the tree: by id, each recorded as defined; a second one of an id is reported. */
function takeDefinitions({ ctx, chapter, state, at }: NoteScope, tree: MdRoot): Map<string, FootnoteDefinition> {
  const defs = new Map<string, FootnoteDefinition>();
  visit(tree, 'footnoteDefinition', (node, index, parent) => {
    if (defs.has(node.identifier))
      ctx.diagnostics.report('duplicate-id', at(node), [`[^${node.label ?? node.identifier}]`, chapter.file]);
    defs.set(node.identifier, node);
    state.defined.push({ id: node.identifier, ...at(node) });
    parent!.children.splice(index!, 1);
    return [SKIP, index!];
  });
  return defs;
}

/**
 * Replaces each note reference by its number (across the edition) linked to the note; a reference to no
 * definition, or the plain text GFM leaves for one, is reported. Returns the notes cited here, in order.
 */
function numberReferences(
  { ctx, chapter, state, at }: NoteScope,
  tree: MdRoot,
  defs: Map<string, FootnoteDefinition>,
): Map<string, NoteHere> {
  const here = new Map<string, NoteHere>();
  visit(tree, (node, index, parent) => {
    if (node.type === 'footnoteReference') {
      const id = node.identifier;
      state.cited.push({ id, ...at(node) });
      if (!defs.has(id)) {
        ctx.diagnostics.report('unknown-note', at(node), [node.label ?? id]);
        parent!.children[index!] = { type: 'text', value: '' };
        return SKIP;
      }
      if (!state.numbers.has(id)) state.numbers.set(id, state.numbers.size + 1);
      const k = (state.refs.get(id) ?? 0) + 1;
      state.refs.set(id, k);
      const refId = k > 1 ? `ref-${id}-${k}` : `ref-${id}`;
      if (!here.has(id))
        here.set(id, { anchor: state.listed.has(id) ? `note-${id}-in-${chapter.id}` : `note-${id}`, backTo: refId });
      const ref = noteRef(`#${here.get(id)!.anchor}`, String(state.numbers.get(id)), refId);
      parent!.children[index!] = joinedToText(parent!.children[index! - 1], ref);
      return SKIP;
    }
    if (node.type === 'text') {
      // GFM leaves a citation of an undefined note as plain text.
      const m = /\[\^([^\]\s]+)\]/.exec(node.value);
      if (m) ctx.diagnostics.report('unknown-note', at(node), [m[1]!]);
    }
    return undefined;
  });
  return here;
}

/**
 * A note reference after a Chinese character or full-width mark, which a line may break after ("…合作" / "¹"
 * at a line's start): that character taken out of the text before and set with the reference in a span that
 * does not wrap (`.note-joint`). (A word joiner would do it in the text, but no bundled font has one, and the
 * PDF would embed a system font for it.) After a Latin letter or mark a line never breaks there.
 */
function joinedToText(before: RootContent | undefined, ref: PhrasingContent): PhrasingContent {
  if (before?.type !== 'text') return ref;
  const chars = [...before.value];
  const last = chars.at(-1);
  if (!last || last.codePointAt(0)! < 0x2e80) return ref;
  before.value = chars.slice(0, -1).join('');
  return {
    type: 'noteJoint',
    data: { hName: 'span', hProperties: { className: ['note-joint'] } },
    children: [{ type: 'text', value: last }, ref],
  } as unknown as PhrasingContent;
}

/** A reference to a note: its number, a superscript link to the note. */
function noteRef(url: string, number: string, refId: string): PhrasingContent {
  return {
    type: 'noteRef',
    data: { hName: 'sup', hProperties: { className: ['note-ref'] } },
    children: [
      {
        type: 'link',
        url,
        children: [{ type: 'text', value: number }],
        data: { hProperties: { id: refId, role: 'doc-noteref' } },
      },
    ],
  } as unknown as PhrasingContent;
}

/** Reports a note defined but not cited here, and one whose definition here differs from the one listed first in the edition. */
function checkDefinitions(
  { ctx, state, at }: NoteScope,
  defs: Map<string, FootnoteDefinition>,
  here: Map<string, NoteHere>,
): void {
  for (const [id, def] of defs) if (!here.has(id)) ctx.diagnostics.report('unused-note', at(def), [def.label ?? id]);
  for (const id of here.keys()) {
    const def = defs.get(id)!;
    const text = JSON.stringify(def.children, (k, v: unknown) => (k === 'position' ? undefined : v));
    const first = state.listed.get(id);
    if (!first) state.listed.set(id, { anchor: here.get(id)!.anchor, text, at: `${at(def).file}:${at(def).line}` });
    else if (first.text !== text) ctx.diagnostics.report('note-differs', at(def), [def.label ?? id, first.at]);
  }
}

/** The chapter's list of notes: each cited note, numbered, with a link back to its first reference here. */
function noteList(
  state: NoteState,
  strings: Strings,
  defs: Map<string, FootnoteDefinition>,
  here: Map<string, NoteHere>,
  label: string,
): RootContent {
  const items = [...here].map(([id, { anchor, backTo }]) => {
    const def = defs.get(id)!;
    const children = structuredClone(def.children) as RootContent[];
    const last = children[children.length - 1];
    const back = {
      type: 'link',
      url: `#${backTo}`,
      children: [{ type: 'text', value: '↑' }],
      data: { hProperties: { className: ['note-back'], ariaLabel: strings.backToText, role: 'doc-backlink' } },
    };
    if (last && last.type === 'paragraph') last.children.push({ type: 'text', value: ' ' }, back as PhrasingContent);
    else children.push({ type: 'paragraph', children: [back as PhrasingContent] });
    return {
      type: 'noteItem',
      data: { hName: 'li', hProperties: { id: anchor, value: state.numbers.get(id) } },
      children,
    };
  });
  return {
    type: 'noteList',
    // A section: ARIA in HTML does not allow role doc-endnotes on an aside.
    data: { hName: 'section', hProperties: { className: ['notes'], role: 'doc-endnotes', ariaLabel: label } },
    children: [
      {
        type: 'noteTitle',
        data: { hName: 'p', hProperties: { className: ['notes-title'] } },
        children: [{ type: 'text', value: strings.notes }],
      },
      { type: 'noteItems', data: { hName: 'ol' }, children: items },
    ],
  } as unknown as RootContent;
}
