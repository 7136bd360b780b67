import path from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import type { BuildContext } from '../../context.js';
import { dropNamedDestinations } from './destinations.js';
import { MARKER_PREFIX, type Block, type FloatMove } from './floats.js';
import { retitleOutline } from './outline.js';
import { dropSoftHyphens } from './soft-hyphens.js';
import { editPageContents } from './content-streams.js';
import { unmarkedObjects, wrapAsArtifacts } from './content-objects.js';
import { retag, type TagMark } from './tags.js';
import { setMetadata } from './metadata.js';
import { publishFileLinks } from './file-links.js';
import type { PdfInput, PdfOutput } from './print.js';

/** What the print left for publishing: the headings (bookmarks), the elements to retag, the blocks and moves. */
export interface Printed {
  headings: Parameters<typeof retitleOutline>[1];
  tags: TagMark[];
  blocks: Block[];
  moved: [number, number][];
}

/**
 * The printed PDF as published: bookmarks titled as the headings, no marker destinations or soft hyphens, links to
 * the site's files and not the build machine's (a `file:` link left is an error), metadata.
 */
export async function finishPdf(
  ctx: BuildContext,
  doc: PDFDocument,
  input: PdfInput,
  layout: Printed,
): Promise<Pick<PdfOutput, 'bytes' | 'pages' | 'floats'>> {
  retitleOutline(doc, layout.headings);
  dropNamedDestinations(doc, MARKER_PREFIX);
  // One pass over the pages' content: soft hyphens out, untagged drawing (backgrounds, rules, page-margin boxes)
  // marked as artifacts (PDF/UA-1; content-objects.ts).
  editPageContents(doc, (text) => {
    const clean = dropSoftHyphens(text);
    const loose = unmarkedObjects(clean);
    return loose.length ? wrapAsArtifacts(clean, loose) : clean === text ? undefined : clean;
  });
  retag(doc, layout.tags);
  const outDir = path.dirname(path.dirname(input.htmlPath));
  for (const url of publishFileLinks(doc, outDir, input.lang, input.baseUrl))
    ctx.diagnostics.report('pdf-file-link', { file: `dist/${input.lang}/index.html` }, [url]);
  setMetadata(doc, input.meta, input.lang, input.date);
  const bytes = await doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
  return { bytes, pages: doc.getPageCount(), floats: floatMoves(layout.blocks, layout.moved) };
}

/** Each moved float's last move, by id and the text of the block it follows. */
function floatMoves(blocks: Block[], moves: [number, number][]): FloatMove[] {
  const last = new Map(moves);
  return [...last].map(([what, after]) => [blocks[what]!.id!, blocks[after]!.key]);
}
