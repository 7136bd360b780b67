import { constants, inflateSync, deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { PressSettings } from '../../model/press-geometry.js';
import { bleedOperators } from './bleed.js';
import { markOperators, REGISTRATION } from './marks.js';
import { width, height, type Sheet } from './sheet.js';

/** The name the page's own drawing gets as a form XObject (drawn again, stretched, into the bleed). */
const PAGE_FORM = 'PressPage';

const n = (v: number) => String(Math.round(v * 10000) / 10000);

/**
 * One screen page onto its press sheet, in place (the text, its tags and fonts stay as Chromium wrote them): the
 * MediaBox grown to the sheet, BleedBox and TrimBox set, the page's drawing moved onto the trim and clipped to its
 * own box, its edges stretched into the bleed, the marks and the slug (`foot`) drawn around it; its links removed.
 */
export function placePage(
  doc: PDFDocument,
  page: PDFPage,
  sheet: Sheet,
  settings: PressSettings,
  registration: PDFRef,
  slug: string,
): void {
  const ctx = doc.context;
  const form = pageForm(doc, page, sheet);
  const resources = page.node.Resources()!;
  subDict(doc, resources, 'XObject').set(PDFName.of(PAGE_FORM), form);
  subDict(doc, resources, 'ColorSpace').set(PDFName.of(REGISTRATION), registration);
  const { page: at } = sheet;
  // the bleed first, the page over it (see bleed.ts), then the marks
  const before = `${bleedOperators(sheet, PAGE_FORM)}
q ${n(at.x0)} ${n(at.y0)} ${n(width(at))} ${n(height(at))} re W n 1 0 0 1 ${n(at.x0)} ${n(at.y0)} cm\n`;
  const after = ['\nQ', markOperators(sheet, settings), slug].join('\n');
  // (pdf-lib wraps only a Contents array: Chromium writes one, Ghostscript a single stream)
  const contents = page.node.get(PDFName.of('Contents'));
  if (contents && !(ctx.lookup(contents) instanceof PDFArray))
    page.node.set(PDFName.of('Contents'), ctx.obj([contents]));
  if (!page.node.wrapContentStreams(ctx.register(flate(doc, before)), ctx.register(flate(doc, after))))
    throw new Error('a page without content streams to place on the sheet');
  const { media, bleed, trim } = sheet;
  page.setMediaBox(media.x0, media.y0, width(media), height(media));
  page.setBleedBox(bleed.x0, bleed.y0, width(bleed), height(bleed));
  page.setTrimBox(trim.x0, trim.y0, width(trim), height(trim));
  dropLinks(doc, page);
}

/** A content stream compressed by Node's zlib (pdf-lib's flateStream compresses with pako, in JavaScript). */
const flate = (doc: PDFDocument, text: string) => doc.context.stream(deflateSync(text), { Filter: 'FlateDecode' });

/** The page's drawing as a form XObject: its content streams in one, with its resources. */
function pageForm(doc: PDFDocument, page: PDFPage, sheet: Sheet): PDFRef {
  const ctx = doc.context;
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const parts = streams.map((s) => {
    const stream = ctx.lookup(s);
    if (!(stream instanceof PDFRawStream)) throw new Error('a page content stream pdf-lib did not read as raw bytes');
    const filter = stream.dict.lookup(PDFName.of('Filter'));
    // (lenient about the end: pdf-lib may hand over a stream Ghostscript wrote without its last checksum bytes)
    if (filter === PDFName.of('FlateDecode'))
      return inflateSync(stream.contents, { finishFlush: constants.Z_SYNC_FLUSH });
    if (filter === undefined) return Buffer.from(stream.contents);
    throw new Error(
      `a page content stream with the filter ${String(filter)}: Chromium and Ghostscript write FlateDecode only`,
    );
  });
  const bytes = deflateSync(Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')])));
  let resources = page.node.get(PDFName.of('Resources'));
  if (!(resources instanceof PDFRef)) {
    resources = ctx.register(page.node.Resources()!);
    page.node.set(PDFName.of('Resources'), resources);
  }
  const [w, h] = sheet.pageSize;
  return ctx.register(
    ctx.stream(bytes, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, w, h],
      Resources: resources,
      Filter: 'FlateDecode',
    }),
  );
}

/** A resource dictionary's `key` sub-dictionary, made when missing. */
function subDict(doc: PDFDocument, resources: PDFDict, key: string): PDFDict {
  const found = resources.lookup(PDFName.of(key));
  if (found instanceof PDFDict) return found;
  const made = doc.context.obj({});
  resources.set(PDFName.of(key), made);
  return made;
}

/**
 * No link on a press sheet (PDF/X allows no annotation inside the bleed but printer's marks): the page's
 * annotations go, and the actions of those the structure tree still names.
 */
function dropLinks(doc: PDFDocument, page: PDFPage): void {
  const annots = page.node.Annots();
  for (const ref of annots?.asArray() ?? []) {
    const annot = doc.context.lookup(ref);
    if (annot instanceof PDFDict) for (const key of ['A', 'Dest', 'AA']) annot.delete(PDFName.of(key));
  }
  page.node.delete(PDFName.of('Annots'));
}
