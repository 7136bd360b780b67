import { Bookmark, ImageRun, Paragraph, SimpleField, TextRun, type FileChild, type ParagraphChild } from 'docx';
import type { Element, ElementContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { classes, clean, runs } from './inline.js';
import { sourced, type BlockContext } from './blocks.js';
import { table } from './table.js';
import { runLanguage } from './styles.js';

const isElement = (n: ElementContent): n is Element => n.type === 'element';
const noteStyles: Record<string, string> = {
  'figure-subtitle': 'FigureNote',
  'figure-unit': 'FigureNote',
  'figure-coverage': 'FigureNote',
  'table-note': 'FigureNote',
  'figure-source': 'FigureSource',
};

/**
 * A figure or table of the page → its numbered caption (Word's Caption style, the number a SEQ field whose
 * label is the edition's word, with a bookmark that cross-references link to), then what the page shows
 * under it in order: subtitle and unit, the chart as an image (its PNG download, 300 dpi, the chart's
 * description as alt text) or the pending figure's marked placeholder, or the table, then notes and source.
 */
export function figure(el: Element, bc: BlockContext): FileChild[] {
  const pageId = String(el.properties.id ?? '');
  const dataId = String(el.properties.dataFigure ?? el.properties.dataTable ?? '');
  const at = (bc.data.figures.get(dataId) ?? bc.data.tables.get(dataId))?.at;
  const out: FileChild[] = [];
  for (const child of el.children.filter(isElement)) {
    const cls = classes(child);
    const style = cls.map((c) => noteStyles[c]).find(Boolean);
    if (child.tagName === 'figcaption') {
      const fallback = at ? { unit: `${dataId}.caption`, file: at.file, line: at.line } : undefined;
      const text = sourced(bc, undefined, caption(child, bc), fallback);
      out.push(
        new Paragraph({ style: 'Caption', children: [new Bookmark({ id: bc.anchor(pageId), children: text })] }),
      );
    } else if (style) out.push(new Paragraph({ style, children: runs(child.children, bc) }));
    else if (cls.includes('chart')) out.push(...chart(child, pageId, bc));
    else if (cls.includes('pending')) out.push(...pending(child, bc));
    else if (cls.includes('table-scroll')) {
      const t = child.children.find((c): c is Element => isElement(c) && c.tagName === 'table');
      if (t) out.push(table(t, bc));
    }
  }
  return out;
}

/** "Figure 4: Caption" → "Figure " + SEQ field (cached "4") + ": " + the caption's runs. */
function caption(el: Element, bc: BlockContext): ParagraphChild[] {
  const label = el.children.find((c): c is Element => isElement(c) && classes(c).includes('figure-label'));
  const rest = runs(
    el.children.filter((c) => c !== label),
    bc,
  );
  if (!label) return rest;
  const m = /^(.*?)(\d+)(\D*)$/.exec(clean(toText(label)));
  if (!m) return [...runs(label.children, bc), ...rest];
  const language = runLanguage[bc.lang];
  const seq = m[1]!.trim() || 'Figure';
  return [
    new TextRun({ text: m[1]!, language }),
    new SimpleField(`SEQ ${seq.replace(/\s+/g, '_')} \\* ARABIC`, m[2]!),
    new TextRun({ text: m[3]!, language }),
    ...rest,
  ];
}

function chart(el: Element, pageId: string, bc: BlockContext): FileChild[] {
  const png = bc.images.get(`charts/${pageId}.png`);
  if (!png) return [];
  const alt = String(el.properties.ariaLabel ?? '');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  // The download is drawn at twice the chart's CSS size; placed at 300 dpi (Word's sizes are at 96 to the inch).
  const width = Math.round((view.getUint32(16) * 96) / 300);
  const height = Math.round((view.getUint32(20) * 96) / 300);
  return [
    new Paragraph({
      style: 'FigureImage',
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width, height },
          altText: { name: pageId, title: pageId, description: alt },
        }),
      ],
    }),
  ];
}

/** A pending figure: its notice, marked as a placeholder (shaded, in the "Pending Figure" style). */
function pending(el: Element, bc: BlockContext): FileChild[] {
  return el.children.filter(isElement).map((c) => new Paragraph({ style: 'Pending', children: runs([c], bc) }));
}
