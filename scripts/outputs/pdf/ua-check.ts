import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  ParseSpeeds,
} from 'pdf-lib';
import { editPageContents } from './content-streams.js';
import { unmarkedObjects } from './content-objects.js';

/**
 * The machine-checkable PDF/UA-1 (ISO 14289-1) failure conditions of the Matterhorn Protocol 1.1 that a report
 * printed by Chromium can meet, checked on the PDF's own objects with pdf-lib (the structure elements' attribute
 * dictionaries, the XMP stream and the content streams' marked content, which pdf.js's getStructTree does not
 * show). Not checked: what needs a reader's judgement (reading order, whether alternate text is right, colour),
 * and conditions our PDFs cannot meet by construction (forms, annotations other than links, optional content,
 * embedded files). docs/accessibility.md lists them.
 */
export interface UaFinding {
  /** The Matterhorn failure condition, e.g. "13-004". */
  rule: string;
  /** 1-based page, when the condition is on one. */
  page?: number;
  /** What is wrong — what to do. */
  message: string;
}

/** Every finding in a PDF's bytes (empty: it passed). */
export async function checkPdfUa(bytes: Uint8Array): Promise<UaFinding[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  return [...metadataFindings(doc), ...structureFindings(doc), ...contentFindings(doc), ...fontFindings(doc)];
}

const text = (v: unknown) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

/** 06-001…06-003 (XMP with the PDF/UA identifier and dc:title), 07-001/07-002 (DisplayDocTitle), 11-006 (/Lang). */
function metadataFindings(doc: PDFDocument): UaFinding[] {
  const found: UaFinding[] = [];
  const meta = doc.catalog.lookup(PDFName.of('Metadata'));
  const xmp =
    meta instanceof PDFRawStream
      ? Buffer.from(meta.dict.has(PDFName.of('Filter')) ? inflateSync(meta.contents) : meta.contents).toString('utf8')
      : undefined;
  if (xmp === undefined)
    found.push({ rule: '06-001', message: 'no XMP metadata stream — write one in the catalog (xmp.ts)' });
  else {
    if (!/<pdfuaid:part>\s*1\s*<\/pdfuaid:part>|pdfuaid:part="1"/.test(xmp))
      found.push({ rule: '06-002', message: 'the XMP metadata has no PDF/UA identifier — add pdfuaid:part 1' });
    if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>\s*\S[\s\S]*?<\/dc:title>/.test(xmp))
      found.push({ rule: '06-003', message: 'the XMP metadata has no dc:title — give the document a title' });
  }
  const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'));
  const show = prefs instanceof PDFDict ? prefs.lookup(PDFName.of('DisplayDocTitle')) : undefined;
  if (!(show instanceof PDFBool))
    found.push({ rule: '07-001', message: 'ViewerPreferences has no DisplayDocTitle — set it to true' });
  else if (show !== PDFBool.True) found.push({ rule: '07-002', message: 'DisplayDocTitle is false — set it to true' });
  if (!text(doc.catalog.lookup(PDFName.of('Lang')))?.trim())
    found.push({ rule: '11-006', message: "the document's language is not set — set the catalog's /Lang" });
  return found;
}

interface Element {
  type: string;
  dict: PDFDict;
  page?: number;
}

/** The structure elements in document order, each with the page its content starts on (its own /Pg or its first descendant's). */
function structureElements(doc: PDFDocument): Element[] {
  const ctx = doc.context;
  const pages = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out: Element[] = [];
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  /** Visit a node and what it holds; returns the first page found in it. */
  const visit = (node: unknown): number | undefined => {
    const el = node instanceof PDFRef ? ctx.lookup(node) : node;
    if (el instanceof PDFArray) {
      let first: number | undefined;
      for (const k of el.asArray()) {
        const page = visit(k); // every kid is visited: `first ??= visit(k)` would stop at the first page found
        first ??= page;
      }
      return first;
    }
    if (!(el instanceof PDFDict)) return undefined;
    const s = el.get(PDFName.of('S'));
    const pg = el.get(PDFName.of('Pg'));
    const own = pg instanceof PDFRef ? pages.get(pg.toString()) : undefined;
    const element: Element | undefined = s instanceof PDFName ? { type: s.decodeText(), dict: el } : undefined;
    if (element) out.push(element);
    const page = own ?? visit(el.get(PDFName.of('K')));
    if (own !== undefined) visit(el.get(PDFName.of('K')));
    if (element) element.page = page;
    return page;
  };
  if (root instanceof PDFDict) visit(root.get(PDFName.of('K')));
  return out;
}

/** 13-004 (Figure without alternate text), 14-002/14-003 (heading levels), 15-003 (TH without Scope). */
function structureFindings(doc: PDFDocument): UaFinding[] {
  const found: UaFinding[] = [];
  const elements = structureElements(doc);
  if (!elements.length) return [{ rule: '01-001', message: 'the PDF has no structure tree — print it tagged' }];
  let last = 0;
  for (const el of elements) {
    const where = el.page ? { page: el.page } : {};
    if (
      el.type === 'Figure' &&
      !text(el.dict.lookup(PDFName.of('Alt')))?.trim() &&
      !el.dict.has(PDFName.of('ActualText'))
    )
      found.push({
        rule: '13-004',
        ...where,
        message: 'a Figure has no alternate text — give the image a description',
      });
    const level = /^H([1-6])$/.exec(el.type);
    if (level) {
      const n = Number(level[1]);
      if (last === 0 && n !== 1)
        found.push({
          rule: '14-002',
          ...where,
          message: `the first heading is H${n}, not H1 — start with a level-one heading`,
        });
      else if (n > last + 1 && last > 0)
        found.push({
          rule: '14-003',
          ...where,
          message: `H${n} follows H${last}: a heading level is skipped — use H${last + 1}`,
        });
      last = n;
    }
    if (el.type === 'TH' && !hasScope(el.dict))
      found.push({
        rule: '15-003',
        ...where,
        message: 'a table header cell (TH) has no Scope — mark it as a row or column header',
      });
  }
  return found;
}

/** Whether a TH's attribute dictionaries (one or an array) give it a Scope. */
function hasScope(th: PDFDict): boolean {
  const a = th.lookup(PDFName.of('A'));
  const dicts = a instanceof PDFArray ? a.asArray().map((d) => th.context.lookup(d)) : [a];
  return dicts.some((d) => d instanceof PDFDict && d.has(PDFName.of('Scope')));
}

/** 01-005: drawing neither tagged nor marked as an artifact, counted per page. */
function contentFindings(doc: PDFDocument): UaFinding[] {
  const loose = new Map<number, number>();
  editPageContents(doc, (stream, page) => {
    const n = unmarkedObjects(stream).length;
    if (n) loose.set(page + 1, (loose.get(page + 1) ?? 0) + n);
    return undefined;
  });
  return [...loose].map(([page, n]) => ({
    rule: '01-005',
    page,
    message: `${n} drawing object(s) neither tagged nor marked as artifacts — mark them /Artifact`,
  }));
}

/** 31-027 (a font program not embedded), per font, with the first page using it. */
function fontFindings(doc: PDFDocument): UaFinding[] {
  const found: UaFinding[] = [];
  const seen = new Set<string>();
  doc.getPages().forEach((page, i) => {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'));
    if (!(fonts instanceof PDFDict)) return;
    for (const [, ref] of fonts.entries()) {
      const key = ref.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const font = doc.context.lookup(ref);
      if (font instanceof PDFDict && !embedded(font))
        found.push({
          rule: '31-027',
          page: i + 1,
          message: `font ${font.lookup(PDFName.of('BaseFont'))?.toString() ?? '?'} is not embedded — embed it`,
        });
    }
  });
  return found;
}

function embedded(font: PDFDict): boolean {
  if (font.lookup(PDFName.of('Subtype')) === PDFName.of('Type3')) return true;
  const descendants = font.lookup(PDFName.of('DescendantFonts'));
  const target = descendants instanceof PDFArray ? font.context.lookup(descendants.get(0)) : font;
  const descriptor = target instanceof PDFDict ? target.lookup(PDFName.of('FontDescriptor')) : undefined;
  return (
    descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)))
  );
}
