import JSZip from 'jszip';
import { sourcesNamespace, type SourcePlace } from '../model/docx-sources.js';
import { readParagraphs, type Mark, type ReadParagraph } from './paragraphs.js';
import { findAll, parseXml, wordText, type XNode } from './xml.js';

export interface ReadComment extends Mark {
  id: string;
  text: string;
}

/** What a reviewed DOCX holds for the review: its paragraphs, the comments, and the writer's source map. */
export interface ReviewedDocx {
  lang: string;
  paragraphs: ReadParagraph[];
  comments: Map<string, ReadComment>;
  /** `_SrcN` bookmark → where its paragraph came from. */
  places: Map<string, SourcePlace>;
}

/** Why a file cannot be read back: not a DOCX, or not one the build wrote. */
export class NotReviewable extends Error {}

/** Reads a (reviewed) DOCX: body and footnote paragraphs, comments, and the source map the build put in it. */
export async function readDocx(bytes: Uint8Array): Promise<ReviewedDocx> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new NotReviewable('is not a DOCX file (not a zip package)');
  }
  const part = async (name: string) => {
    const f = zip.file(name);
    return f ? parseXml(await f.async('string')) : [];
  };
  const document = await part('word/document.xml');
  if (!document.length) throw new NotReviewable('is not a Word document (no word/document.xml)');
  const sources = await sourcesPart(zip);
  if (!sources) throw new NotReviewable('has no source map: it was not written by `npm run build -- --format docx`');
  const footnotes = findAll(await part('word/footnotes.xml'), 'w:footnote').filter(
    (f) => !f.attrs['w:type'], // (the separators)
  );
  return {
    lang: sources.attrs.lang ?? '',
    paragraphs: [...readParagraphs(document, 'body'), ...readParagraphs(footnotes, 'footnote')],
    comments: readComments(await part('word/comments.xml')),
    places: readPlaces(sources),
  };
}

/** The custom XML part in our namespace, whatever Word renamed it to. */
async function sourcesPart(zip: JSZip): Promise<XNode | undefined> {
  for (const name of Object.keys(zip.files).filter((n) => /^customXml\/item\d*\.xml$/.test(n))) {
    const root = parseXml(await zip.file(name)!.async('string')).find((n) => n.name === 'sources');
    if (root?.attrs.xmlns === sourcesNamespace) return root;
  }
  return undefined;
}

function readPlaces(root: XNode): Map<string, SourcePlace> {
  const places = new Map<string, SourcePlace>();
  for (const p of root.children.filter((c) => c.name === 'p')) {
    const a = p.attrs;
    places.set(a.bookmark!, {
      bookmark: a.bookmark!,
      unit: a.unit ?? '',
      file: a.file ?? '',
      line: Number(a.line),
      text: a.text ?? '',
      spans: (a.spans ?? '')
        .split(' ')
        .filter(Boolean)
        .map((s) => ({ at: Number(s.split(':')[0]), line: Number(s.split(':')[1]) })),
      numbers: p.children
        .filter((c) => c.name === 'num')
        .map((n) => ({ id: n.attrs.id!, shown: n.attrs.shown!, file: n.attrs.file!, line: Number(n.attrs.line) })),
    });
  }
  return places;
}

function readComments(root: XNode[]): Map<string, ReadComment> {
  const out = new Map<string, ReadComment>();
  for (const c of findAll(root, 'w:comment')) {
    const id = c.attrs['w:id'] ?? '';
    const text = findAll(c.children, 'w:p')
      .map((p) => wordText(p))
      .join('\n')
      .trim();
    out.set(id, { id, author: c.attrs['w:author'] ?? '', date: c.attrs['w:date'] ?? '', text });
  }
  return out;
}
