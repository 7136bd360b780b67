import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDocument, PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';

/**
 * A content stream's bytes. Chromium compresses them with Flate alone: Node's zlib inflates those (many times
 * faster than pdf-lib's own decoder, which a long report feels); anything else goes through pdf-lib.
 */
export function contentOf(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const flate =
    filter === PDFName.of('FlateDecode') ||
    (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === PDFName.of('FlateDecode'));
  return flate && !stream.dict.has(PDFName.of('DecodeParms'))
    ? inflateSync(stream.contents)
    : decodePDFRawStream(stream).decode();
}

/**
 * Each content stream of each page, as text (latin1: one character per byte), given to `edit`; what it returns
 * instead of undefined replaces the stream (Flate-compressed).
 */
export function editPageContents(doc: PDFDocument, edit: (text: string, page: number) => string | undefined): void {
  doc.getPages().forEach((page, index) => {
    const contents = page.node.normalizedEntries().Contents;
    const refs = contents instanceof PDFArray ? contents.asArray() : [];
    for (const ref of refs) {
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
      if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(contentOf(stream)).toString('latin1');
      const edited = edit(text, index);
      if (edited === undefined) continue;
      doc.context.assign(
        ref,
        doc.context.stream(deflateSync(Buffer.from(edited, 'latin1')), { Filter: 'FlateDecode' }),
      );
    }
  });
}
