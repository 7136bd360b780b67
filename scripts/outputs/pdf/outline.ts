import { PDFDocument, PDFName, PDFDict, PDFHexString } from 'pdf-lib';
import type { Page } from 'puppeteer-core';

/** The text of every heading the print shows, in document order, as a reader sees it (no "#" link, no soft hyphens). */
export function printedHeadings(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')]
      .filter((h) => h.getClientRects().length > 0)
      .map((h) => {
        const copy = h.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.anchor').forEach((a) => a.remove());
        return (copy.textContent ?? '')
          .replace(/\u00ad/g, '')
          .replace(/\s+/g, ' ')
          .trim();
      }),
  );
}

/**
 * Bookmarks that read as the headings. Chromium builds the outline from the tagged headings and takes each
 * title from the text it painted: the lines of a heading run together without a space ("technologyinnovation"),
 * and a heading at the very top of a page, whose first line Chromium also tags (empty) on the page before, gets
 * that line twice ("AbstractAbstract"). The outline's items are the headings in document order, so each title is
 * set to its heading's text. Returns false (and leaves the outline as it is) when the two do not line up.
 */
export function retitleOutline(doc: PDFDocument, headings: string[]): boolean {
  const items: PDFDict[] = [];
  const walk = (parent: PDFDict): void => {
    for (
      let item = parent.lookupMaybe(PDFName.of('First'), PDFDict);
      item;
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    ) {
      items.push(item);
      walk(item);
    }
  };
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (root) walk(root);
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const titleOf = (item: PDFDict) => (item.lookup(PDFName.of('Title')) as PDFHexString | undefined)?.decodeText() ?? '';
  if (
    items.length !== headings.length ||
    items.some((item, i) => !squeeze(titleOf(item)).includes(squeeze(headings[i]!)))
  )
    return false;
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!)));
  return true;
}
