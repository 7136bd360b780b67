import { PDFArray, PDFDict, PDFName, PDFNumber, ParseSpeeds, PDFDocument } from 'pdf-lib';
import { MARK_GAP, MARK_LENGTH, type PressSettings } from '../../model/press-geometry.js';
import { REGISTRATION } from './marks.js';
import { makePdfx, pdfxHeader, type OutputCondition, type PdfxMeta } from './pdfx.js';
import { placePage } from './place-page.js';
import { sheetFor, type Sheet } from './sheet.js';
import type { SlugPainter } from './slug.js';

export interface PressInput {
  /** The screen PDF, as the pdf format staged it. */
  screen: Uint8Array;
  settings: PressSettings;
  meta: Omit<PdfxMeta, 'identity'>;
  condition: OutputCondition;
  /** What the slug says before the page number (report id, edition, date). */
  slugText: string;
  painter?: SlugPainter;
}

export type PressResult =
  { bytes: Uint8Array; pages: number; sheets: Sheet[] } | { mismatch: [number, number]; page: [number, number] };

const mm = (pt: number) => Math.round(((pt * 25.4) / 72) * 10) / 10;

/**
 * The screen PDF → the press PDF, page by page in place (place-page.ts): every page on a sheet of the trim, the
 * bleed and the marks; destinations moved with the pages, nothing that acts (links, scripts, forms); PDF/X-4.
 */
export async function pressPdf(input: PressInput): Promise<PressResult> {
  const doc = await PDFDocument.load(input.screen, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const registration = doc.context.register(registrationColour(doc, input.condition.components));
  const pages = doc.getPages();
  const sheets: Sheet[] = [];
  for (const [i, page] of pages.entries()) {
    const { width, height } = page.getMediaBox();
    const sheet = sheetFor(input.settings, [width, height]);
    if ('mismatch' in sheet) return { mismatch: sheet.mismatch, page: [width, height] };
    sheets.push(sheet);
    const slug = input.settings.slug && input.painter ? slugOperators(input, sheet, `${i + 1} / ${pages.length}`) : '';
    placePage(doc, page, sheet, input.settings, registration, slug);
  }
  if (sheets[0]) moveDestinations(doc, sheets[0].page.x0, sheets[0].page.y0);
  dropActions(doc);
  makePdfx(doc, pdfxMeta(input, pages.length), input.condition);
  const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false });
  return { bytes: pdfxHeader(bytes), pages: pages.length, sheets };
}

const pdfxMeta = (input: PressInput, pages: number): PdfxMeta => ({
  ...input.meta,
  identity: `${input.slugText}|${pages}|${input.screen.length}|${input.settings.colour}`,
});

/** Registration colour: Separation /All (every plate), its alternate the output intent's black. */
function registrationColour(doc: PDFDocument, components: 3 | 4): PDFArray {
  const [space, white, black] =
    components === 3 ? ['DeviceRGB', [1, 1, 1], [0, 0, 0]] : ['DeviceCMYK', [0, 0, 0, 0], [1, 1, 1, 1]];
  const tint = doc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: white, C1: black, N: 1 });
  return doc.context.obj([PDFName.of('Separation'), PDFName.of('All'), PDFName.of(space as string), tint]);
}

/** The slug, in registration colour, above the top-left crop mark: the report, edition, date, page, trim and bleed. */
function slugOperators(input: PressInput, sheet: Sheet, pageNo: string): string {
  const { trim } = sheet;
  const s = input.settings;
  const size = `${mm(trim.x1 - trim.x0)} × ${mm(trim.y1 - trim.y0)} mm`;
  const text = `${input.slugText}  ·  page ${pageNo}  ·  trim ${size}  ·  bleed ${mm(s.bleed)} mm`;
  const y = trim.y1 + s.bleed + MARK_GAP + MARK_LENGTH + MARK_GAP;
  return `/Artifact BMC q /${REGISTRATION} cs 1 scn\n${input.painter!(text, trim.x0, y)}\nQ EMC`;
}

/** Outline entries and named destinations point at places on the page: moved with the page onto the sheet. */
function moveDestinations(doc: PDFDocument, dx: number, dy: number): void {
  const shift = (dest: unknown) => {
    const arr = dest instanceof PDFDict ? dest.lookup(PDFName.of('D')) : dest;
    if (!(arr instanceof PDFArray) || arr.lookup(1) !== PDFName.of('XYZ')) return;
    for (const [i, d] of [
      [2, dx],
      [3, dy],
    ] as const) {
      const v = arr.lookup(i);
      if (v instanceof PDFNumber) arr.set(i, PDFNumber.of(v.asNumber() + d));
    }
  };
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) for (const [, d] of dests.entries()) shift(doc.context.lookup(d));
  const walk = (item: unknown): void => {
    for (let it = item; it instanceof PDFDict; it = it.lookup(PDFName.of('Next'))) {
      shift(it.lookup(PDFName.of('Dest')));
      walk(it.lookup(PDFName.of('First')));
    }
  };
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) walk(outlines.lookup(PDFName.of('First')));
}

/** Nothing in a press file acts: no open action, document actions, form or JavaScript. */
function dropActions(doc: PDFDocument): void {
  for (const key of ['OpenAction', 'AA', 'AcroForm']) doc.catalog.delete(PDFName.of(key));
  const names = doc.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) names.delete(PDFName.of('JavaScript'));
}
