import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRef, PDFString, PDFHexString, PDFNumber } from 'pdf-lib';

/** A named destination: its page (1-based) and how far below the top of the page's text area it points, in pt. */
export interface Place {
  page: number;
  top: number;
}

/** Where each internal link of the first pages (the TOC) points: target id → page number. */
export function destinationPages(doc: PDFDocument): Record<string, number> {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const pageOf = (dest: unknown): number | undefined => {
    const arr = dest instanceof PDFArray ? dest : undefined;
    const ref = arr?.get(0);
    const i =
      ref instanceof PDFRef
        ? pageRefs.findIndex(
            (r) => r === ref || (r.objectNumber === ref.objectNumber && r.generationNumber === ref.generationNumber),
          )
        : -1;
    return i >= 0 ? i + 1 : undefined;
  };
  const named = namedDestinations(doc);
  const result: Record<string, number> = {};
  for (const p of doc.getPages()) {
    const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookup(i, PDFDict);
      let dest: unknown = a.get(PDFName.of('Dest'));
      const action = a.lookupMaybe(PDFName.of('A'), PDFDict);
      if (!dest && action) dest = action.get(PDFName.of('D'));
      if (dest instanceof PDFRef) dest = doc.context.lookup(dest);
      let key: string | undefined;
      if (dest instanceof PDFName) key = decodeName(dest.asString());
      else if (dest instanceof PDFString || dest instanceof PDFHexString) key = dest.decodeText();
      if (key === undefined) continue;
      const target = pageOf(
        named.get(key) instanceof PDFDict ? (named.get(key) as PDFDict).get(PDFName.of('D')) : named.get(key),
      );
      if (target !== undefined && !(key in result)) result[key] = target;
    }
  }
  return result;
}

function decodeName(s: string): string {
  return decodeURIComponent(s.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, '%$1'));
}

function walkNameTree(doc: PDFDocument, node: PDFDict, out: Map<string, unknown>): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (names) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const k = names.lookup(i);
      const key = k instanceof PDFString || k instanceof PDFHexString ? k.decodeText() : String(k);
      out.set(key, doc.context.lookup(names.get(i + 1)));
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) for (let i = 0; i < kids.size(); i++) walkNameTree(doc, kids.lookup(i, PDFDict), out);
}

/**
 * Every named destination of the document whose name starts with `prefix`, with its place. Chromium writes one
 * for each element that a link of the page points to, at the element's top left; its y is measured from the top of
 * the page's text area (the page margins left out), so `top` = page height − y.
 */
export function namedPlaces(doc: PDFDocument, prefix: string): Map<string, Place> {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const out = new Map<string, Place>();
  for (const [name, value] of namedDestinations(doc)) {
    if (!name.startsWith(prefix)) continue;
    const arr = value instanceof PDFDict ? value.lookup(PDFName.of('D')) : value;
    if (!(arr instanceof PDFArray)) continue;
    const ref = arr.get(0);
    const page =
      ref instanceof PDFRef
        ? pageRefs.findIndex((r) => r.objectNumber === ref.objectNumber && r.generationNumber === ref.generationNumber)
        : -1;
    const y = arr.lookup(3);
    if (page < 0 || !(y instanceof PDFNumber)) continue;
    out.set(name, { page: page + 1, top: doc.getPage(page).getHeight() - y.asNumber() });
  }
  return out;
}

/** Remove the named destinations whose name starts with `prefix` (the print passes' own markers). */
export function dropNamedDestinations(doc: PDFDocument, prefix: string): void {
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return;
  for (const key of dests.keys()) if (decodeName(key.asString()).startsWith(prefix)) dests.delete(key);
}

function namedDestinations(doc: PDFDocument): Map<string, unknown> {
  const named = new Map<string, unknown>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [k, v] of dests.entries()) named.set(decodeName(k.asString()), doc.context.lookup(v));
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (names) walkNameTree(doc, names, named);
  return named;
}
