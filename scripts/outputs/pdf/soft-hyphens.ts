const SPAN = /\/Span\s*<<\s*\/ActualText\s*<FEFF00AD>\s*>>\s*BDC\s([\s\S]*?)\bEMC\s/g;

/**
 * Chromium writes every soft hyphen of the text into the PDF, broken at or not: a zero-width glyph in a span whose
 * ActualText is U+00AD. Text extraction then gives words with soft hyphens inside ("in\u00adnov\u00ada\u00adtion"), which
 * copy and search in poppler-based viewers do not ignore. This removes those spans and keeps their position
 * operators, so nothing moves on the page: an unbroken word reads whole, and a word broken at a line end reads
 * as the visible hyphen Chromium draws there ("in-" / "tensive"), as any hyphenated text does.
 * Takes and gives one content stream's text.
 */
export function dropSoftHyphens(text: string): string {
  if (!/<FEFF(?:[0-9A-Fa-f]{4})*00AD/i.test(text)) return text;
  return (
    text
      .replace(SPAN, (_, inner: string) =>
        // Keep everything but the glyph itself: Td/Tm move the pen for what follows.
        inner.replace(/<[0-9A-Fa-f]*>\s*Tj|\[[^\]]*\]\s*TJ/g, ''),
      )
      // A soft hyphen inside a ligature ("ef\u00adfi") is part of the ligature's ActualText: take it out of that.
      .replace(/\/ActualText\s*<FEFF((?:[0-9A-Fa-f]{4})+)>/g, (all, hex: string) => {
        const units = hex.match(/.{4}/g)!.filter((u) => u.toUpperCase() !== '00AD');
        return units.length * 4 === hex.length ? all : `/ActualText <FEFF${units.join('')}>`;
      })
  );
}
