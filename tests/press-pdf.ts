import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, type PDFPage } from 'pdf-lib';
import { walkContent } from '../scripts/outputs/press/content-walk.js';
import { repo, testBrowser } from './helpers.js';

/**
 * Press PDFs read back for the tests (tests/outputs/press.test.ts): every page's boxes, the PDF/X keys and output
 * intent with pdf-lib, and pixels of a page drawn by pdf.js in the bundled Chromium (never poppler).
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PressPage {
  media: Box;
  bleed?: Box;
  trim?: Box;
  art?: Box;
  annots: number;
}

export interface PressFile {
  header: string;
  pages: PressPage[];
  /** The output intent's subtype, identifier, and its profile's colour components and ICC data colour space. */
  intent?: {
    s: string;
    identifier: string;
    info: string;
    n: number;
    iccSpace: string;
    iccSignature: string;
    /** The embedded profile's bytes. */
    profile: Buffer;
  };
  /** Whether the catalog has a structure tree, and whether MarkInfo says the file is tagged. */
  tags: { structTree: boolean; marked: boolean };
  info: Record<string, string>;
  xmp: string;
  id?: string;
  /** Catalog keys that make a file act (OpenAction, AA, AcroForm, Names /JavaScript) that it still has. */
  actions: string[];
}

const boxOf = (page: PDFPage, key: string): Box | undefined => {
  const arr = page.node.lookup(PDFName.of(key));
  if (!(arr instanceof PDFArray)) return undefined;
  const [x0, y0, x1, y1] = arr.asArray().map((n) => Number(n.toString()));
  return { x0: x0!, y0: y0!, x1: x1!, y1: y1! };
};

const text = (o: unknown) =>
  o instanceof PDFString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : String(o ?? '');

export async function readPress(file: string): Promise<PressFile> {
  const bytes = readFileSync(file);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages().map((p) => ({
    media: boxOf(p, 'MediaBox')!,
    bleed: boxOf(p, 'BleedBox'),
    trim: boxOf(p, 'TrimBox'),
    art: boxOf(p, 'ArtBox'),
    annots: p.node.Annots()?.size() ?? 0,
  }));
  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
  const first = intents instanceof PDFArray ? intents.lookup(0, PDFDict) : undefined;
  const profile = first?.lookup(PDFName.of('DestOutputProfile'));
  let intent: PressFile['intent'];
  if (first && profile instanceof PDFRawStream) {
    const { inflateSync } = await import('node:zlib');
    const icc = inflateSync(profile.contents);
    intent = {
      s: text(first.lookup(PDFName.of('S'))),
      identifier: text(first.lookup(PDFName.of('OutputConditionIdentifier'))),
      info: text(first.lookup(PDFName.of('Info'))),
      n: Number(profile.dict.lookup(PDFName.of('N'))?.toString()),
      iccSpace: icc.subarray(16, 20).toString('latin1'),
      iccSignature: icc.subarray(36, 40).toString('latin1'),
      profile: icc,
    };
  }
  const infoDict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const info = Object.fromEntries(infoDict.entries().map(([k, v]) => [k.decodeText(), text(v)]));
  const meta = doc.catalog.lookup(PDFName.of('Metadata'));
  const xmp = meta instanceof PDFRawStream ? Buffer.from(meta.contents).toString('utf8') : '';
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const actions = [
    ...['OpenAction', 'AA', 'AcroForm'].filter((k) => doc.catalog.has(PDFName.of(k))),
    ...(names instanceof PDFDict && names.has(PDFName.of('JavaScript')) ? ['JavaScript'] : []),
  ];
  return {
    header: bytes.subarray(0, 8).toString('latin1'),
    pages,
    intent,
    info,
    xmp,
    id: doc.context.trailerInfo.ID?.toString(),
    actions,
    tags: {
      structTree: doc.catalog.has(PDFName.of('StructTreeRoot')),
      marked: (() => {
        const info = doc.catalog.lookup(PDFName.of('MarkInfo'));
        return info instanceof PDFDict && info.lookup(PDFName.of('Marked'))?.toString() === 'true';
      })(),
    },
  };
}

/** Every CMYK fill colour (`c m y k k`) the pages draw, forms followed, as `c m y k` rounded to 3 decimals. */
export async function cmykFills(file: string): Promise<number[][]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const fills = new Set<string>();
  walkContent(doc, ({ op, args }) => {
    if (op === 'k' && args.length === 4) fills.add((args as number[]).map((v) => v.toFixed(3)).join(' '));
  });
  return [...fills].map((f) => f.split(' ').map(Number));
}

/** A point on a page in PDF points from the bottom left, and what was drawn there. */
export interface Sample {
  /** The colour at the point, 0–255 RGB. */
  rgb: [number, number, number];
  /** The darkest luminance within 2 px of it (a hairline need not fall on the exact pixel). */
  darkest: number;
}

/**
 * Draw page `n` of `file` with pdf.js (pdfjs-dist's legacy browser build) in the bundled Chromium, at 4 px per point,
 * and read the pixels at `points`. pdf.js is served from node_modules over a local HTTP server (module scripts
 * do not load from file: URLs).
 */
export async function samplePage(file: string, n: number, points: [number, number][]): Promise<Sample[]> {
  const build = path.join(repo, 'node_modules', 'pdfjs-dist', 'legacy', 'build'); // (with the polyfills Chromium 143 needs)
  const files: Record<string, [string, Buffer]> = {
    '/': ['text/html', Buffer.from('<!doctype html><meta charset="utf-8"><body></body>')],
    '/pdf.mjs': ['text/javascript', readFileSync(path.join(build, 'pdf.mjs'))],
    '/pdf.worker.mjs': ['text/javascript', readFileSync(path.join(build, 'pdf.worker.mjs'))],
    '/doc.pdf': ['application/pdf', readFileSync(file)],
  };
  const server = http.createServer((req, res) => {
    const found = files[req.url ?? ''];
    res.writeHead(found ? 200 : 404, { 'content-type': found?.[0] ?? 'text/plain' });
    res.end(found?.[1] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const page = await (await testBrowser('bundled')).newPage();
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return (await page.evaluate(`(${drawAndSample})(${n}, ${JSON.stringify(points)})`)) as Sample[];
  } finally {
    await page.close();
    server.close();
  }
}

/**
 * (Runs in the page, given as text: vitest rewrites a dynamic import() in the test's own code.) Draws the page,
 * then for each point its colour and the darkest luminance within 2 px.
 */
const drawAndSample = `async (n, points) => {
  const scale = 4;
  const pdfjs = await import(location.origin + '/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = location.origin + '/pdf.worker.mjs';
  const doc = await pdfjs.getDocument(location.origin + '/doc.pdf').promise;
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  const g = canvas.getContext('2d');
  await page.render({ canvasContext: g, viewport, canvas }).promise;
  const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
  const at = (x, y) => (Math.round(y) * canvas.width + Math.round(x)) * 4;
  return points.map(([px, py]) => {
    const [x, y] = [px * scale, canvas.height - py * scale];
    const i = at(x, y);
    let darkest = 255;
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++) {
        const j = at(x + dx, y + dy);
        darkest = Math.min(darkest, 0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2]);
      }
    return { rgb: [data[i], data[i + 1], data[i + 2]], darkest };
  });
}`;
