import {
  ExternalHyperlink,
  FootnoteReferenceRun,
  InternalHyperlink,
  TextRun,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { Element, ElementContent } from 'hast';
import type { Lang } from '../../context.js';
import { runLanguage } from './styles.js';

/** Run formatting inherited from the elements around a text (em, strong, sup…). */
type Marks = Pick<IRunOptions, 'bold' | 'italics' | 'superScript' | 'subScript' | 'font' | 'style'>;

/** What turning inline hast into runs needs to know of the whole document. */
export interface InlineContext {
  lang: Lang;
  /** A page fragment (a heading, figure or table id) → the Word bookmark it is written as. */
  anchor(id: string): string;
  /** A note reference (`#note-n2`) → the Word footnote to reference, or undefined when it was referenced already. */
  footnote(noteId: string): number | undefined;
}

export const classes = (el: Element): string[] => (el.properties.className as string[] | undefined) ?? [];

/** Text as the page shows it: no soft hyphens (Word hyphenates itself), white space collapsed. */
export const clean = (s: string): string => s.replaceAll('\u00ad', '').replace(/\s+/g, ' ');

/**
 * Inline hast → Word runs: text, emphasis, strong, super- and subscript, line breaks, links (a page fragment
 * becomes a link to its bookmark; a web address a hyperlink), note references (Word footnotes). What only the
 * web page has (heading anchors, "back to text" links) is left out.
 */
export function runs(nodes: ElementContent[], ic: InlineContext, marks: Marks = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = clean(node.value);
      if (text) out.push(new TextRun({ ...marks, text, language: runLanguage[ic.lang] }));
    } else if (node.type === 'element') out.push(...element(node, ic, marks));
  }
  return out;
}

function element(el: Element, ic: InlineContext, marks: Marks): ParagraphChild[] {
  const cls = classes(el);
  if (cls.includes('anchor') || cls.includes('note-back') || el.properties.hidden === true) return [];
  switch (el.tagName) {
    case 'em':
    case 'i':
      return runs(el.children, ic, { ...marks, italics: true });
    case 'strong':
    case 'b':
      return runs(el.children, ic, { ...marks, bold: true });
    case 'sub':
      return runs(el.children, ic, { ...marks, subScript: true });
    case 'code':
      return runs(el.children, ic, { ...marks, font: 'Consolas' });
    case 'br':
      return [new TextRun({ break: 1 })];
    case 'sup':
      return cls.includes('note-ref') ? noteRef(el, ic, marks) : runs(el.children, ic, { ...marks, superScript: true });
    case 'a':
      return link(el, ic, marks);
    default:
      return runs(el.children, ic, marks);
  }
}

function noteRef(sup: Element, ic: InlineContext, marks: Marks): ParagraphChild[] {
  const a = sup.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
  const href = String(a?.properties.href ?? '');
  const n = href.startsWith('#') ? ic.footnote(href.slice(1)) : undefined;
  if (n !== undefined) return [new FootnoteReferenceRun(n)];
  // A note cited again: its number as printed (a Word footnote reference would number a new note).
  return runs(sup.children, ic, { ...marks, superScript: true });
}

function link(a: Element, ic: InlineContext, marks: Marks): ParagraphChild[] {
  const href = String(a.properties.href ?? '');
  const children = runs(a.children, ic, { ...marks, style: 'Hyperlink' });
  if (href.startsWith('#') && href.length > 1)
    return [new InternalHyperlink({ anchor: ic.anchor(decodeURIComponent(href.slice(1))), children })];
  if (/^(https?|mailto):/i.test(href)) return [new ExternalHyperlink({ link: href, children })];
  return children;
}
