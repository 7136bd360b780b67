import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, PDFArray, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { getDocument, PDFDateString } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * PDFs read back with npm libraries, for the tests (no poppler or mupdf tools): pdf.js (pdfjs-dist, which the
 * pipeline reads PDFs with too) for the text, metadata, outline and links, as a viewer sees them; pdf-lib for
 * the font dictionaries.
 */

/** One line of a page: the text items that share a baseline, left to right. */
export interface PdfLine {
  text: string;
  /** Left edge and baseline, in points from the bottom left. */
  x: number;
  y: number;
  /** The largest font size on the line. */
  size: number;
  /** The top of its tallest glyphs and the bottom of its lowest descenders (pt from the bottom edge; from the type sizes). */
  top: number;
  bottom: number;
}

export interface PdfLink {
  /** [x1, y1, x2, y2] */
  rect: number[];
  /** An internal link: the page it lands on (1-based), and its named destination, if it has one. */
  page?: number;
  dest?: string;
  url?: string;
  /** The link's /URI as written (a relative one too, which pdf.js gives no `url`; a `file:` one too). */
  uri?: string;
}

export interface PdfPage {
  /** The page's text, line by line, top to bottom: words keep their spaces, lines end with \n. */
  text: string;
  lines: PdfLine[];
  links: PdfLink[];
  /** In points. */
  width: number;
  height: number;
}

export interface PdfFont {
  /** BaseFont, with its subset tag (ABCDEF+NotoSansSC-Bold). */
  name: string;
  /** Type0, TrueType, Type1, Type3… */
  type: string;
  /** The font program is in the file (FontFile, FontFile2 or FontFile3; a Type 3 font is its own program). */
  embedded: boolean;
  subset: boolean;
  /** Has a ToUnicode map: its text can be copied and searched. */
  toUnicode: boolean;
}

export interface PdfOutlineItem {
  title: string;
  /** 1-based; undefined when the destination does not resolve to a page. */
  page: number | undefined;
  depth: number;
}

export interface PdfInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  creationDate?: Date;
  /** The catalog's /Lang. */
  lang?: string;
  /** MarkInfo /Marked true: a tagged PDF. */
  tagged: boolean;
}

export interface Pdf {
  pages: PdfPage[];
  info: PdfInfo;
  fonts: PdfFont[];
  /** Every outline (bookmark) item, depth first. */
  outline: PdfOutlineItem[];
}

type TextItem = { str: string; transform: number[]; width: number };
type Dest = string | unknown[] | null;

/** Read a PDF file: every page's text and links, the metadata, the fonts and the outline. */
export async function readPdf(file: string): Promise<Pdf> {
  const bytes = readFileSync(file);
  // (The same options as the pipeline's reading: no fonts handed to a DOM, none looked up on the system, no eval.)
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pageOf = async (dest: Dest): Promise<number | undefined> => {
      const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
      const ref = explicit?.[0];
      if (typeof ref === 'number') return ref + 1;
      return ref && typeof ref === 'object'
        ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1
        : undefined;
    };
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const items = (await page.getTextContent()).items.flatMap((i): TextItem[] =>
        'str' in i && i.str !== '' ? [{ str: i.str, transform: i.transform, width: i.width }] : [],
      );
      const lines = toLines(items);
      const links: PdfLink[] = [];
      for (const a of (await page.getAnnotations()) as {
        subtype: string;
        rect: number[];
        dest?: Dest;
        url?: string;
        unsafeUrl?: string;
      }[]) {
        if (a.subtype !== 'Link') continue;
        links.push({
          rect: a.rect,
          url: a.url,
          uri: a.unsafeUrl,
          dest: typeof a.dest === 'string' ? a.dest : undefined,
          page: a.dest ? await pageOf(a.dest) : undefined,
        });
      }
      pages.push({
        text: lines.map((l) => `${l.text}\n`).join(''),
        lines,
        links,
        width: page.view[2]! - page.view[0]!,
        height: page.view[3]! - page.view[1]!,
      });
    }
    const meta = (await doc.getMetadata()).info as Record<string, string | undefined>;
    const outline: PdfOutlineItem[] = [];
    const walk = async (
      items: { title: string; dest: Dest; items: unknown[] }[] | null,
      depth: number,
    ): Promise<void> => {
      for (const item of items ?? []) {
        outline.push({ title: item.title, page: await pageOf(item.dest), depth });
        await walk(item.items as typeof items, depth + 1);
      }
    };
    await walk(await doc.getOutline(), 1);
    const info: PdfInfo = {
      title: meta.Title,
      author: meta.Author,
      subject: meta.Subject,
      keywords: meta.Keywords,
      creator: meta.Creator,
      producer: meta.Producer,
      creationDate: (meta.CreationDate && PDFDateString.toDateObject(meta.CreationDate)) || undefined,
      lang: meta.Language,
      tagged: ((await doc.getMarkInfo()) as { Marked?: boolean } | null)?.Marked === true,
    };
    return { pages, info, fonts: fontsOf(await PDFDocument.load(bytes, { updateMetadata: false })), outline };
  } finally {
    await doc.destroy();
  }
}

/**
 * Text items → lines: items whose glyph boxes overlap by half their height share a line (a raised note
 * number stays on its line); lines top to bottom, items left to right, with a space where two items are
 * apart by more than a fifth of the type size and neither brings one.
 */
function toLines(items: TextItem[]): PdfLine[] {
  type Building = {
    items: { x: number; y: number; end: number; str: string; size: number }[];
    bottom: number;
    top: number;
    y: number;
  };
  const lines: Building[] = [];
  for (const it of items) {
    const size = Math.hypot(it.transform[2]!, it.transform[3]!);
    const [x, y] = [it.transform[4]!, it.transform[5]!];
    const bottom = y;
    const top = y + 0.8 * size;
    const line = lines.find(
      (l) => Math.min(l.top, top) - Math.max(l.bottom, bottom) >= 0.5 * Math.min(l.top - l.bottom, top - bottom),
    );
    const entry = { x, y, end: x + it.width, str: it.str, size };
    if (line) {
      line.items.push(entry);
      line.bottom = Math.min(line.bottom, bottom);
      line.top = Math.max(line.top, top);
      if (size >= Math.max(...line.items.map((i) => i.size))) line.y = y;
    } else lines.push({ items: [entry], bottom, top, y });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      const sorted = l.items.sort((a, b) => a.x - b.x);
      let text = '';
      let prev: (typeof sorted)[number] | undefined;
      for (const it of sorted) {
        if (prev && it.x - prev.end > 0.2 * Math.min(it.size, prev.size) && !/\s$/.test(text) && !/^\s/.test(it.str))
          text += ' ';
        text += it.str;
        prev = it;
      }
      return {
        text: text.replace(/\s+$/, ''),
        x: sorted[0]!.x,
        y: l.y,
        size: Math.max(...sorted.map((i) => i.size)),
        top: l.top,
        bottom: Math.min(...sorted.map((i) => i.y - 0.25 * i.size)),
      };
    });
}

/** Every font dictionary the pages (and the forms they draw) use. */
function fontsOf(doc: PDFDocument): PdfFont[] {
  const fonts = new Map<string, PdfFont>();
  const seen = new Set<PDFDict>();
  const dict = (o: PDFObject | undefined): PDFDict | undefined => {
    const v = o instanceof PDFRef ? doc.context.lookup(o) : o;
    return v instanceof PDFDict ? v : v instanceof PDFStream ? v.dict : undefined;
  };
  const name = (d: PDFDict | undefined, key: string) => d?.get(PDFName.of(key))?.toString().replace(/^\//, '') ?? '';
  const visit = (resources: PDFDict | undefined): void => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [, ref] of dict(resources.get(PDFName.of('Font')))?.entries() ?? []) {
      const font = dict(ref);
      if (!font || fonts.has(ref.toString())) continue;
      const type = name(font, 'Subtype');
      const descendant = dict(
        (
          dict(font.get(PDFName.of('DescendantFonts'))) ??
          (doc.context.lookup(font.get(PDFName.of('DescendantFonts'))) as PDFArray | undefined)
        )?.get(0 as never),
      );
      const descriptor = dict((descendant ?? font).get(PDFName.of('FontDescriptor')));
      const embedded =
        type === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(PDFName.of(k)));
      const base = name(font, 'BaseFont');
      fonts.set(ref.toString(), {
        name: base,
        type,
        embedded,
        subset: /^[A-Z]{6}\+/.test(base),
        toUnicode: font.has(PDFName.of('ToUnicode')),
      });
      visit(dict(font.get(PDFName.of('Resources')))); // a Type 3 font's glyphs may use fonts
    }
    for (const key of ['XObject', 'Pattern']) {
      for (const [, ref] of dict(resources.get(PDFName.of(key)))?.entries() ?? [])
        visit(dict(dict(ref)?.get(PDFName.of('Resources'))));
    }
  };
  for (const page of doc.getPages()) visit(page.node.Resources());
  return [...fonts.values()];
}

/**
 * How full each page is: from the top of the text area to the lowest line of the page's body, as a share of the
 * text area. The running header and footer (`isFurniture`) are left out; the text area is where the body lines
 * of all pages reach, highest to lowest.
 */
export function pageFill(pages: PdfPage[], isFurniture: (line: PdfLine) => boolean): number[] {
  const body = pages.map((p) => p.lines.filter((l) => !isFurniture(l)));
  const all = body.flat();
  const top = Math.max(...all.map((l) => l.top));
  const bottom = Math.min(...all.map((l) => l.bottom));
  return body.map((lines) => (lines.length ? (top - Math.min(...lines.map((l) => l.bottom))) / (top - bottom) : 0));
}

// ---- the printed table of contents -------------------------------------------

/** Whitespace out: PDF lines break where HTML text does not, and outline titles lose spaces at line breaks. */
export const squash = (s: string) => s.replace(/\s+/g, '');

export interface TocEntry {
  /** The entry's text as printed (a wrapped entry's lines joined). */
  text: string;
  /** The page number printed beside it. */
  printed: number;
  /** The page the entry's link lands on. */
  target: number | undefined;
  /** The page of the TOC it is on (1-based). */
  tocPage: number;
}

/**
 * The printed TOC, read from the PDF alone: every internal link as wide as most of the text column (a TOC
 * line; a note or cross-reference link is a word wide) — the text inside the link's box, and the number
 * at the end of its line.
 */
export function tocEntries(pdf: Pdf): TocEntry[] {
  const entries: TocEntry[] = [];
  pdf.pages.forEach((page, i) => {
    for (const link of page.links) {
      const [x1, y1, x2, y2] = link.rect as [number, number, number, number];
      if (link.page === undefined || x2 - x1 < 0.6 * page.width) continue;
      const inside = page.lines.filter((l) => l.y >= y1 - 1 && l.y <= y2 + 1 && l.x >= x1 - 1 && l.x <= x2 + 1);
      const number = inside.map((l) => /(?:^|\s)(\d+)$/.exec(l.text)).find((m) => m);
      if (!number) continue;
      const text = inside
        .map((l) => l.text.replace(/(?:^|\s+)\d+$/, ''))
        .join(' ')
        .trim();
      entries.push({ text, printed: Number(number[1]), target: link.page, tocPage: i + 1 });
    }
  });
  return entries;
}

/**
 * Checks that each TOC entry's printed page number is the page its heading is on, found independently of
 * the build: the first page after the TOC with a line that begins with the heading's text, the page of the
 * outline item (Chromium's bookmarks, made from the headings) with that title, and the page its link lands
 * on. Returns the entries and one line per disagreement (none when the TOC is right).
 */
export function checkToc(pdf: Pdf): { entries: TocEntry[]; problems: string[] } {
  const entries = tocEntries(pdf);
  const problems: string[] = [];
  const lastTocPage = Math.max(0, ...entries.map((e) => e.tocPage));
  for (const e of entries) {
    const key = squash(e.text).slice(0, 16);
    const heading =
      pdf.pages.findIndex((p, i) => i >= lastTocPage && p.lines.some((l) => squash(l.text).startsWith(key))) + 1;
    const bookmark = pdf.outline.find((o) => squash(o.title).startsWith(key));
    if (heading === 0) problems.push(`"${e.text}": no line of the body begins with it`);
    else if (e.printed !== heading)
      problems.push(`"${e.text}": printed ${e.printed}, but the heading is on page ${heading}`);
    if (bookmark?.page !== e.printed)
      problems.push(`"${e.text}": printed ${e.printed}, but its bookmark is on page ${bookmark?.page ?? '(none)'}`);
    if (e.target !== e.printed)
      problems.push(`"${e.text}": printed ${e.printed}, but its link lands on page ${e.target ?? '(none)'}`);
  }
  return { entries, problems };
}
