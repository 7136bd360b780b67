import { Bookmark, HeadingLevel, Paragraph, type FileChild, type IParagraphOptions, type ParagraphChild } from 'docx';
import type { Element, ElementContent } from 'hast';
import type { ReportData } from '../../model/data.js';
import { classes, runs, type InlineContext } from './inline.js';
import type { SourceMap } from './sources.js';
import { figure } from './figure.js';
import { table } from './table.js';
import { linkRefs } from './refs.js';

/** What turning the page's blocks into Word paragraphs needs. */
export interface BlockContext extends InlineContext {
  sources: SourceMap;
  data: ReportData;
  /** The charts' PNG downloads, by their path in the edition's folder (`charts/fig-x.png`). */
  images: Map<string, Uint8Array>;
  /** The chapter being written (the page's `data-chapter`). */
  chapter: string;
  /** Lists written so far (each ordered list is numbered from 1). */
  lists: number;
}

const headingLevels: Record<string, IParagraphOptions['heading']> = {
  h2: HeadingLevel.HEADING_1,
  h3: HeadingLevel.HEADING_2,
  h4: HeadingLevel.HEADING_3,
  h5: HeadingLevel.HEADING_4,
  h6: HeadingLevel.HEADING_4,
};

const isElement = (n: ElementContent): n is Element => n.type === 'element';

/**
 * The runs of a paragraph with its source: a hidden bookmark `_SrcN` around them, the place listed in the
 * source map (the unit's file and line, or `fallback` when the page element has no unit, such as a caption).
 */
export function sourced(
  bc: BlockContext,
  unitId: string | undefined,
  children: ParagraphChild[],
  fallback?: { unit: string; file: string; line: number },
): ParagraphChild[] {
  const unit = unitId ? bc.sources.unit(bc.chapter, unitId) : undefined;
  const place = unit ? { ...unit, unit: unit.id } : fallback && { ...fallback, text: '', spans: [] };
  if (!place) return children;
  const id = bc.sources.add(place.unit, place.file, place.line, place.text, place.spans);
  return [new Bookmark({ id, children })];
}

/** A paragraph's inline nodes as runs, its cross-references linked and its source bookmarked. */
export function unitRuns(bc: BlockContext, unitId: string | undefined, nodes: ElementContent[]): ParagraphChild[] {
  const unit = unitId ? bc.sources.unit(bc.chapter, unitId) : undefined;
  const refs = unit ? bc.sources.refs(unit.text) : [];
  return sourced(bc, unitId, runs(refs.length ? linkRefs(nodes, refs) : nodes, bc));
}

/** A chapter's (or the cover's) block elements → Word paragraphs and tables, in order. */
export function blocks(nodes: ElementContent[], bc: BlockContext, style?: string): FileChild[] {
  const out: FileChild[] = [];
  for (const el of nodes.filter(isElement)) out.push(...block(el, bc, style));
  return out;
}

function block(el: Element, bc: BlockContext, style: string | undefined): FileChild[] {
  const cls = classes(el);
  const id = typeof el.properties.id === 'string' ? el.properties.id : undefined;
  if (cls.includes('notes') || cls.includes('share') || el.tagName === 'details') return [];
  if (headingLevels[el.tagName]) return [heading(el, bc, id)];
  switch (el.tagName) {
    case 'p':
      return [new Paragraph({ style, children: unitRuns(bc, id, el.children) })];
    case 'ul':
    case 'ol':
      return list(el, bc, 0, ++bc.lists);
    case 'blockquote':
      return blocks(el.children, bc, 'Quote');
    case 'figure':
      return figure(el, bc);
    case 'table':
      return [table(el, bc)];
    case 'hr':
      return [];
    default:
      return blocks(el.children, bc, style);
  }
}

function heading(el: Element, bc: BlockContext, id: string | undefined): Paragraph {
  const text = unitRuns(bc, id, el.children);
  return new Paragraph({
    heading: headingLevels[el.tagName],
    pageBreakBefore: el.tagName === 'h2',
    children: id ? [new Bookmark({ id: bc.anchor(id), children: text })] : text,
  });
}

function list(el: Element, bc: BlockContext, level: number, instance: number): FileChild[] {
  const out: FileChild[] = [];
  const ordered = el.tagName === 'ol';
  for (const li of el.children.filter(isElement)) {
    if (li.tagName !== 'li') continue;
    const loose = li.children.some((c) => isElement(c) && c.tagName === 'p');
    const own = li.children.filter(
      (c) =>
        !(isElement(c) && (c.tagName === 'ul' || c.tagName === 'ol')) &&
        !(loose && c.type === 'text' && !c.value.trim()),
    );
    const inline = own.flatMap((c, i) =>
      isElement(c) && c.tagName === 'p' ? [...(i > 0 ? [space] : []), ...c.children] : [c],
    );
    const id = typeof li.properties.id === 'string' ? li.properties.id : undefined;
    out.push(
      new Paragraph({
        style: 'ListParagraph',
        numbering: { reference: ordered ? 'ordered' : 'bullets', level, instance },
        children: unitRuns(bc, id, inline),
      }),
    );
    for (const sub of li.children.filter(isElement))
      if (sub.tagName === 'ul' || sub.tagName === 'ol') out.push(...list(sub, bc, level + 1, ++bc.lists));
  }
  return out;
}

const space: ElementContent = { type: 'text', value: ' ' };
