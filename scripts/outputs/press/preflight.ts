import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, type PDFPage } from 'pdf-lib';
import { streamText, walkContent } from './content-walk.js';

/**
 * A small preflight of the press PDF: the PDF/X-4 requirements (ISO 15930-7) that a file made the way this
 * folder makes it could get wrong, each check named after the requirement it follows. Not a validator: it reads
 * what the press PDF writes (pdf-lib for the objects, content-walk.ts for the operators), and a real preflight
 * (Acrobat, pdfToolbox) checks far more.
 */
export interface Finding {
  /** The requirement: pdfx-identification, output-intent, page-boxes, fonts-embedded, colour-spaces, … */
  check: string;
  page?: number;
  what: string;
}

export interface PreflightOptions {
  /** `cmyk`: nothing RGB may be left (the conversion's promise), beyond what PDF/X-4 itself asks. */
  colour: 'rgb' | 'cmyk';
  /** The least image resolution at its placed size, in pixels per inch (default 300, offset printing's rule). */
  minPpi?: number;
}

const name = (o: unknown) => (o instanceof PDFName ? o.decodeText() : undefined);
const text = (o: unknown) => (o instanceof PDFString ? o.decodeText() : name(o));

export async function preflight(bytes: Uint8Array, options: PreflightOptions): Promise<Finding[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const findings: Finding[] = [];
  const add = (check: string, what: string, page?: number) => findings.push({ check, what, page });
  identification(doc, bytes, add);
  const space = outputIntent(doc, add);
  for (const [i, page] of doc.getPages().entries()) pageBoxes(page, i + 1, add);
  fonts(doc, add);
  colours(doc, space, options.colour, add);
  images(doc, options.minPpi ?? 300, add);
  return findings;
}

type Add = (check: string, what: string, page?: number) => void;

/** PDF/X-4 identification: PDF 1.6 at most, GTS_PDFXVersion in Info and pdfxid in XMP, Trapped True or False. */
function identification(doc: PDFDocument, bytes: Uint8Array, add: Add): void {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (!/^%PDF-1\.[0-6]$/.test(head)) add('pdfx-identification', `header ${head}: PDF/X-4 is PDF 1.6 at most`);
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const get = (k: string) => (info instanceof PDFDict ? text(info.lookup(PDFName.of(k))) : undefined);
  if (!get('GTS_PDFXVersion')?.startsWith('PDF/X-4')) add('pdfx-identification', 'Info has no GTS_PDFXVersion PDF/X-4');
  if (get('Trapped') !== 'True' && get('Trapped') !== 'False')
    add('pdfx-identification', 'Info Trapped is not True/False');
  const meta = doc.catalog.lookup(PDFName.of('Metadata'));
  const xmp = meta instanceof PDFRawStream ? (streamText(meta) ?? '') : '';
  if (!/<pdfxid:GTS_PDFXVersion>PDF\/X-4/.test(xmp)) add('pdfx-identification', 'XMP has no pdfxid:GTS_PDFXVersion');
}

/**
 * Output intent: one GTS_PDFX intent, with an identifier, an embedded profile whose N matches its colour space,
 * and Info when the condition is Custom. Returns the profile's colour space ('RGB ', 'CMYK').
 */
function outputIntent(doc: PDFDocument, add: Add): string | undefined {
  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
  const pdfx = (intents instanceof PDFArray ? intents.asArray() : [])
    .map((r) => doc.context.lookup(r))
    .filter((d): d is PDFDict => d instanceof PDFDict && name(d.lookup(PDFName.of('S'))) === 'GTS_PDFX');
  if (pdfx.length !== 1) {
    add('output-intent', `${pdfx.length} GTS_PDFX output intents: PDF/X asks for exactly one`);
    return undefined;
  }
  const intent = pdfx[0]!;
  const id = text(intent.lookup(PDFName.of('OutputConditionIdentifier')));
  if (!id) add('output-intent', 'the output intent has no OutputConditionIdentifier');
  if (id === 'Custom' && !text(intent.lookup(PDFName.of('Info'))))
    add('output-intent', 'a Custom condition needs Info');
  const profile = intent.lookup(PDFName.of('DestOutputProfile'));
  const icc = profile instanceof PDFRawStream ? Buffer.from(streamText(profile) ?? '', 'latin1') : undefined;
  if (!icc || icc.subarray(36, 40).toString('latin1') !== 'acsp') {
    add('output-intent', 'no embedded ICC profile (DestOutputProfile): PDF/X-4, not X-4p, embeds it');
    return undefined;
  }
  const space = icc.subarray(16, 20).toString('latin1');
  const n = Number((profile as PDFRawStream).dict.lookup(PDFName.of('N'))?.toString());
  if (n !== ({ 'RGB ': 3, CMYK: 4, GRAY: 1 } as Record<string, number>)[space])
    add('output-intent', `the profile is ${space.trim()} but its N is ${n}`);
  return space;
}

/** Page boxes: a TrimBox (and no ArtBox beside it), inside the BleedBox, inside the MediaBox. */
function pageBoxes(page: PDFPage, n: number, add: Add): void {
  const box = (key: string) => {
    const arr = page.node.lookup(PDFName.of(key));
    return arr instanceof PDFArray ? arr.asArray().map((v) => Number(v.toString())) : undefined;
  };
  const [media, bleed, trim] = [box('MediaBox'), box('BleedBox'), box('TrimBox')];
  if (!trim) return add('page-boxes', 'no TrimBox', n);
  if (box('ArtBox')) add('page-boxes', 'both TrimBox and ArtBox', n);
  const within = (a: number[], b: number[]) =>
    a[0]! >= b[0]! - 0.001 && a[1]! >= b[1]! - 0.001 && a[2]! <= b[2]! + 0.001 && a[3]! <= b[3]! + 0.001;
  if (bleed && !within(trim, bleed)) add('page-boxes', 'the TrimBox reaches past the BleedBox', n);
  if (media && !within(bleed ?? trim, media)) add('page-boxes', 'the BleedBox reaches past the MediaBox', n);
}

/** Fonts embedded: every font any resource dictionary names has its program in the file (Type 3 draws its own). */
function fonts(doc: PDFDocument, add: Add): void {
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || name(obj.lookup(PDFName.of('Type'))) !== 'Font') continue;
    const subtype = name(obj.lookup(PDFName.of('Subtype')));
    if (subtype === 'Type3' || subtype === 'Type0') continue; // (a Type0's descendant is a font of its own)
    const descriptor = obj.lookup(PDFName.of('FontDescriptor'));
    const embedded =
      descriptor instanceof PDFDict &&
      ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
    if (!embedded) add('fonts-embedded', `${name(obj.lookup(PDFName.of('BaseFont')))} (${subtype}) is not embedded`);
  }
}

/**
 * Colour spaces: device colour only in the output intent's space (or Gray); with `colour: cmyk`, no RGB at all —
 * neither operators, colour spaces, images, shadings nor transparency groups.
 */
function colours(doc: PDFDocument, intent: string | undefined, colour: 'rgb' | 'cmyk', add: Add): void {
  const cmyk = colour === 'cmyk' || intent === 'CMYK';
  const banned = cmyk ? /^(DeviceRGB|CalRGB|ICCBased RGB|ICCBased 3)$/ : /^(DeviceCMYK|ICCBased CMYK)$/;
  const opBanned = cmyk ? ['rg', 'RG'] : ['k', 'K'];
  const seen = new Set<string>();
  walkContent(doc, (op, at) => {
    const key = `${op.op}@${at.page}`;
    if (opBanned.includes(op.op) && !seen.has(key)) {
      seen.add(key);
      add(
        'colour-spaces',
        colour === 'cmyk'
          ? `${op.op} operator: RGB colour left after the CMYK conversion`
          : `${op.op} operator: ${cmyk ? 'RGB' : 'CMYK'} colour under a ${intent?.trim()} output intent`,
        at.page,
      );
    }
  });
  for (const [ref, obj] of doc.context.enumerateIndirectObjects())
    for (const dict of dictsIn(obj instanceof PDFRawStream ? obj.dict : obj))
      for (const key of ['ColorSpace', 'CS']) {
        const cs = dict.lookup(PDFName.of(key));
        const spaces = cs instanceof PDFDict ? cs.values().map((v) => doc.context.lookup(v)) : [cs];
        for (const s of spaces) {
          const found = describe(doc, s).find((d) => banned.test(d));
          if (found)
            add(
              'colour-spaces',
              `${found} in ${ref.toString()} (${key})${colour === 'cmyk' ? ' left after the CMYK conversion' : ''}`,
            );
        }
      }
}

/** A dictionary and the dictionaries written inside it (a page's /Group, a direct /Resources), refs not followed. */
function dictsIn(obj: unknown): PDFDict[] {
  if (obj instanceof PDFDict) return [obj, ...obj.values().flatMap(dictsIn)];
  if (obj instanceof PDFArray) return obj.asArray().flatMap(dictsIn);
  return [];
}

/** A colour space's family, and its base and alternate spaces' (an ICCBased one with its N). */
function describe(doc: PDFDocument, cs: unknown): string[] {
  const space = doc.context.lookup(cs as never);
  if (space instanceof PDFName) return [space.decodeText()];
  if (!(space instanceof PDFArray)) return [];
  const family = name(space.lookup(0));
  if (family === 'ICCBased') {
    const stream = space.lookup(1);
    const n = stream instanceof PDFRawStream ? stream.dict.lookup(PDFName.of('N'))?.toString() : '?';
    return [`ICCBased ${n === '3' ? 'RGB' : n === '4' ? 'CMYK' : n}`];
  }
  return [
    family ?? '?',
    ...space
      .asArray()
      .slice(1)
      .flatMap((s) => describe(doc, s)),
  ];
}

/** Image resolution: each image's best placement (the page itself, not a stretched bleed strip) at least minPpi. */
function images(doc: PDFDocument, minPpi: number, add: Add): void {
  const best = new Map<PDFRawStream, { ppi: number; page: number }>();
  walkContent(doc, (op, at) => {
    if (op.op !== 'Do' || typeof op.args[0] !== 'string') return;
    const xobjects = at.resources?.lookup(PDFName.of('XObject'));
    const image = xobjects instanceof PDFDict ? xobjects.lookup(PDFName.of(op.args[0].slice(1))) : undefined;
    if (!(image instanceof PDFRawStream) || name(image.dict.lookup(PDFName.of('Subtype'))) !== 'Image') return;
    const [a, b, c, d] = at.ctm as [number, number, number, number];
    const [w, h] = ['Width', 'Height'].map((k) => Number(image.dict.lookup(PDFName.of(k))?.toString()));
    const ppi = Math.min((w! * 72) / Math.hypot(a, b), (h! * 72) / Math.hypot(c, d));
    if (ppi > (best.get(image)?.ppi ?? 0)) best.set(image, { ppi, page: at.page });
  });
  for (const { ppi, page } of best.values())
    if (ppi < minPpi) add('image-resolution', `an image at ${Math.round(ppi)} ppi (under ${minPpi})`, page);
}
