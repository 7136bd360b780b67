import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDocument, PDFArray, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';

/**
 * Chromium writes every soft hyphen of the text into the PDF, broken at or not: a zero-width glyph in a span whose
 * ActualText is U+00AD. Text extraction then gives words with soft hyphens inside ("in\u00adnov\u00ada\u00adtion"), which
 * copy and search in poppler-based viewers do not ignore. This removes those spans and keeps their position
 * operators, so nothing moves on the page: an unbroken word reads whole, and a word broken at a line end reads
 * as the visible hyphen Chromium draws there ("in-" / "tensive"), as any hyphenated text does.
 * Returns how many were removed.
 */
export function dropSoftHyphens(doc: PDFDocument): number {
  const span = /\/Span\s*<<\s*\/ActualText\s*<FEFF00AD>\s*>>\s*BDC\s([\s\S]*?)\bEMC\s/g;
  let removed = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.normalizedEntries().Contents;
    const refs = contents instanceof PDFArray ? contents.asArray() : [];
    for (const ref of refs) {
      const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
      if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(contentOf(stream)).toString('latin1');
      if (!/<FEFF(?:[0-9A-Fa-f]{4})*00AD/i.test(text)) continue;
      const cleaned = text
        .replace(span, (_, inner: string) => {
          removed++;
          // Keep everything but the glyph itself: Td/Tm move the pen for what follows.
          return inner.replace(/<[0-9A-Fa-f]*>\s*Tj|\[[^\]]*\]\s*TJ/g, '');
        })
        // A soft hyphen inside a ligature ("ef\u00adfi") is part of the ligature's ActualText: take it out of that.
        .replace(/\/ActualText\s*<FEFF((?:[0-9A-Fa-f]{4})+)>/g, (all, hex: string) => {
          const units = hex.match(/.{4}/g)!.filter((u) => u.toUpperCase() !== '00AD');
          return units.length * 4 === hex.length ? all : `/ActualText <FEFF${units.join('')}>`;
        });
      doc.context.assign(
        ref,
        doc.context.stream(deflateSync(Buffer.from(cleaned, 'latin1')), { Filter: 'FlateDecode' }),
      );
    }
  }
  return removed;
}

/**
 * A content stream's bytes. Chromium compresses them with Flate alone: Node's zlib inflates those (many times
 * faster than pdf-lib's own decoder, which a long report feels); anything else goes through pdf-lib.
 */
function contentOf(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const flate =
    filter === PDFName.of('FlateDecode') ||
    (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === PDFName.of('FlateDecode'));
  return flate && !stream.dict.has(PDFName.of('DecodeParms'))
    ? inflateSync(stream.contents)
    : decodePDFRawStream(stream).decode();
}
