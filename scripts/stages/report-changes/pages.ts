import path from 'node:path';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Lang } from '../../context.js';
import type { ValueRecord } from '../../model/changes.js';

/** Each page's text, and a hash of its text and drawing. */
export interface PdfPages {
  texts: string[];
  hashes: string[];
}

/**
 * Read a PDF's pages with pdf.js: the text (for finding where a value
 * landed) and a signature of what the page shows — its text with positions
 * and its drawing operators with their numbers — so that a reprint that only
 * renamed fonts or objects does not count as a changed page, while a moved
 * line, a new bar or a new number does.
 */
export async function readPdfPages(bytes: Uint8Array): Promise<PdfPages> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const skip = new Set([
    pdfjs.OPS.setFont,
    pdfjs.OPS.showText,
    pdfjs.OPS.showSpacedText,
    pdfjs.OPS.nextLineShowText,
    pdfjs.OPS.nextLineSetSpacingShowText,
    pdfjs.OPS.paintImageXObject,
    pdfjs.OPS.dependency,
  ]);
  const texts: string[] = [];
  const hashes: string[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const items = content.items.filter((it): it is typeof it & { str: string; transform: number[] } => 'str' in it);
      texts.push(items.map((it) => it.str).join(''));
      const h = createHash('sha256');
      for (const it of items) h.update(`${it.str}@${Math.round(it.transform[4]!)},${Math.round(it.transform[5]!)}\n`);
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, k) => {
        h.update(String(fn));
        if (!skip.has(fn))
          h.update(
            JSON.stringify(ops.argsArray[k], (_, v) =>
              typeof v === 'number' ? Math.round(v * 100) / 100 : typeof v === 'string' ? '' : v,
            ),
          );
      });
      hashes.push(h.digest('hex').slice(0, 16));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { texts, hashes };
}

/** Readings kept in the cache (the newest written). */
const KEPT_READINGS = 8;

/**
 * readPdfPages, through a cache in <cache>/changes/pages named by a hash of
 * the PDF's bytes: a PDF read when it was printed is not read again when the
 * next build compares its own PDF with it (reading a PDF with pdf.js takes
 * seconds; a data edit would otherwise read two per edition).
 */
export async function pdfPagesOf(cacheDir: string, bytes: Uint8Array): Promise<PdfPages> {
  const dir = path.join(cacheDir, 'changes', 'pages');
  const file = path.join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.json`);
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as PdfPages;
    if (Array.isArray(kept.texts) && Array.isArray(kept.hashes) && kept.texts.length === kept.hashes.length)
      return kept;
  } catch {
    // (not read before, or a file cut short: read now)
  }
  const pages = await readPdfPages(bytes);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(pages));
    renameSync(`${file}.${process.pid}.tmp`, file);
    const old = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .map((n) => ({ n, t: statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEPT_READINGS);
    for (const { n } of old) rmSync(path.join(dir, n), { force: true });
  } catch {
    // (a cache that cannot be written only costs the next build a reading)
  }
  return pages;
}

/**
 * Put each use of `lang` on the page where it landed: the first page, from its
 * section's page on (the TOC's page numbers), whose text holds the value as printed.
 */
export function placeOnPages(
  record: ValueRecord,
  lang: Lang,
  pdf: PdfPages,
  sectionPages: Record<string, number>,
  sectionOrder: string[],
): void {
  const squeeze = (s: string) => s.replace(/\s+/g, '').replace(/\u00ad/g, '');
  const pages = pdf.texts.map(squeeze);
  for (const use of record.uses[lang] ?? []) {
    let from = 1;
    for (let i = sectionOrder.indexOf(use.section); i >= 0; i--) {
      const p = sectionPages[sectionOrder[i]!];
      if (p !== undefined) {
        from = p;
        break;
      }
    }
    const text = squeeze(record.values[use.id]?.text[lang] ?? '');
    if (!text) continue;
    for (let p = from; p <= pages.length; p++) {
      if (pages[p - 1]!.includes(text)) {
        use.page = p;
        break;
      }
    }
  }
}
