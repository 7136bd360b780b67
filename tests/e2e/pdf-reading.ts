import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Reading a built PDF back with pdf.js (no poppler): each page's lines of text with their positions, and the
 * bookmarks. Positions are in pt from the page's bottom edge, as PDF has them.
 */
export interface PdfLine {
  text: string;
  /** Baseline, and the top and bottom of the line's glyphs (pt from the bottom edge). */
  y: number;
  top: number;
  bottom: number;
}

export interface PdfPage {
  height: number;
  lines: PdfLine[];
}

export interface Bookmark {
  title: string;
  depth: number;
}

export async function readPdf(file: string): Promise<{ pages: PdfPage[]; bookmarks: Bookmark[] }> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      // Items that share a baseline are one line, left to right.
      const rows = new Map<number, { x: number; str: string; h: number }[]>();
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const y = Math.round(item.transform[5] * 2) / 2;
        const row = rows.get(y) ?? [];
        row.push({ x: item.transform[4], str: item.str, h: item.height || Math.abs(item.transform[3]) });
        rows.set(y, row);
      }
      const lines = [...rows]
        .sort(([a], [b]) => b - a)
        .map(([y, items]) => {
          const h = Math.max(...items.map((t) => t.h));
          return { text: items.sort((a, b) => a.x - b.x).map((t) => t.str).join(''), y, top: y + h * 0.8, bottom: y - h * 0.25 };
        })
        .filter((l) => l.text.trim() !== '');
      pages.push({ height: page.view[3]! - page.view[1]!, lines });
      page.cleanup();
    }
    const bookmarks: Bookmark[] = [];
    const walk = (items: { title: string; items: unknown[] }[] | null, depth: number): void => {
      for (const item of items ?? []) {
        bookmarks.push({ title: item.title, depth });
        walk(item.items as never, depth + 1);
      }
    };
    walk((await doc.getOutline()) as never, 0);
    return { pages, bookmarks };
  } finally {
    await doc.destroy();
  }
}

/**
 * How full each page is: from the top of the text area to the lowest line of the page's body, as a share of the
 * text area. The running header and footer (the lines above and below every body line of the document) are
 * left out; the text area is where the body lines of all pages reach, highest to lowest.
 */
export function pageFill(pages: PdfPage[], isFurniture: (line: PdfLine) => boolean): number[] {
  const body = pages.map((p) => p.lines.filter((l) => !isFurniture(l)));
  const all = body.flat();
  const top = Math.max(...all.map((l) => l.top));
  const bottom = Math.min(...all.map((l) => l.bottom));
  return body.map((lines) => (lines.length ? (top - Math.min(...lines.map((l) => l.bottom))) / (top - bottom) : 0));
}
