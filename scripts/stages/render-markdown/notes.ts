import type { Root as MdRoot, RootContent, Parent, FootnoteDefinition, PhrasingContent } from 'mdast';
import type { BuildContext } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { Strings } from '../../model/templates.js';
import type { NoteState } from '../../model/edition.js';


type At = (node: { position?: { start: { line: number; column: number } } }) => { file: string; line: number; column: number };

/**
 * Notes are numbered across the whole edition (remark-rehype would restart at 1
 * in every chapter) and listed at the end of the chapter that cites them, each
 * linked both ways with the text.
 */
export function collectNotes(ctx: BuildContext, tree: MdRoot, chapter: Chapter, strings: Strings, state: NoteState, at: At): void {
  const defs = new Map<string, FootnoteDefinition>();
  tree.children = tree.children.filter((node) => {
    if (node.type !== 'footnoteDefinition') return true;
    if (defs.has(node.identifier)) ctx.diagnostics.report('duplicate-id', at(node), [`[^${node.label ?? node.identifier}]`, chapter.file]);
    defs.set(node.identifier, node);
    state.defined.push({ id: node.identifier, ...at(node) });
    return false;
  });
  const citedHere: string[] = [];
  const refCount = new Map<string, number>();
  const visit = (parent: Parent): void => {
    parent.children = parent.children.map((node) => {
      if (node.type === 'footnoteReference') {
        const id = node.identifier;
        state.cited.push({ id, ...at(node) });
        if (!defs.has(id)) {
          ctx.diagnostics.report('unknown-note', at(node), [node.label ?? id]);
          return { type: 'text', value: '' } as PhrasingContent;
        }
        if (!state.numbers.has(id)) state.numbers.set(id, state.numbers.size + 1);
        if (!citedHere.includes(id)) citedHere.push(id);
        const k = (refCount.get(id) ?? 0) + 1;
        refCount.set(id, k);
        const n = String(state.numbers.get(id));
        return {
          type: 'noteRef',
          data: { hName: 'sup', hProperties: { className: ['note-ref'] } },
          children: [{ type: 'link', url: `#note-${id}`, children: [{ type: 'text', value: n }], data: { hProperties: { id: k > 1 ? `ref-${id}-${k}` : `ref-${id}`, role: 'doc-noteref' } } }],
        } as unknown as PhrasingContent;
      }
      if (node.type === 'text') {
        // GFM leaves a citation of an undefined note as plain text.
        const m = /\[\^([^\]\s]+)\]/.exec(node.value);
        if (m) ctx.diagnostics.report('unknown-note', at(node), [m[1]!]);
      }
      if ('children' in node) visit(node as Parent);
      return node;
    }) as typeof parent.children;
  };
  visit(tree);
  for (const [id, def] of defs) if (!citedHere.includes(id)) ctx.diagnostics.report('unused-note', at(def), [def.label ?? id]);
  if (!citedHere.length) return;
  const items = citedHere.map((id) => {
    const def = defs.get(id)!;
    const children = structuredClone(def.children) as RootContent[];
    const last = children[children.length - 1];
    const back = { type: 'link', url: `#ref-${id}`, children: [{ type: 'text', value: '↑' }], data: { hProperties: { className: ['note-back'], ariaLabel: strings.backToText, role: 'doc-backlink' } } };
    if (last && last.type === 'paragraph') last.children.push({ type: 'text', value: ' ' }, back as PhrasingContent);
    else children.push({ type: 'paragraph', children: [back as PhrasingContent] });
    return { type: 'noteItem', data: { hName: 'li', hProperties: { id: `note-${id}`, value: state.numbers.get(id) } }, children };
  });
  tree.children.push({
    type: 'noteList',
    data: { hName: 'aside', hProperties: { className: ['notes'], role: 'doc-endnotes', ariaLabel: strings.notes } },
    children: [
      { type: 'noteTitle', data: { hName: 'p', hProperties: { className: ['notes-title'] } }, children: [{ type: 'text', value: strings.notes }] },
      { type: 'noteItems', data: { hName: 'ol' }, children: items },
    ],
  } as unknown as RootContent);
}
