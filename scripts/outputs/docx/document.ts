import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
  type INumberingOptions,
} from 'docx';
import type { Element, ElementContent, Root } from 'hast';
import type { EditionJob } from '../format.js';
import type { EditionTrees } from '../../model/edition.js';
import { blocks, sourced, type BlockContext } from './blocks.js';
import { runs } from './inline.js';
import { SourceMap } from './sources.js';
import type { ReportData } from '../../model/data.js';
import { documentStyles } from './styles.js';
import { addSourcesPart } from './package.js';
import { embeddedFonts } from './fonts.js';
import { contents, cover, frontMatter, frontText } from './front.js';

const isElement = (n: ElementContent): n is Element => n.type === 'element';

function elements(node: Root | Element, test: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const c of node.children)
    if (c.type === 'element') {
      if (test(c)) out.push(c);
      else elements(c, test, out);
    }
  return out;
}

/** The text of a tree as it prints (a chart's drawing, our own SVG text, is not printed: its image is). */
function treeText(node: Root | Element, out: string[] = []): string[] {
  for (const c of node.children)
    if (c.type === 'text') out.push(c.value);
    else if (c.type === 'element') treeText(c, out);
  return out;
}

/**
 * One edition as a Word document, walked from the edition's own trees — the chapters as apply-templates filled
 * them (`job.trees`), the cover and contents from its meta and headings — never from the page's HTML: cover, a
 * table of contents field, the chapters with their figures, tables and notes as Word footnotes, a running header
 * and page numbers. Every paragraph with a source carries a hidden bookmark that the custom XML part maps to its
 * unit, file and line (read back by `npm run review`).
 */
export async function editionDocx(job: EditionJob): Promise<Uint8Array> {
  if (!job.trees) throw new Error('The DOCX edition is written from the chapters’ trees: the build did not keep them');
  const edition = job.config.editions[job.lang];
  const front = frontMatter(edition, job.templates.strings[job.lang], job.config.date, job.html.headings, job.lang);
  const sources = new SourceMap(job.rendered, job.data, job.lang);
  const bc = await context(job, job.trees, sources);
  const children: FileChild[] = [...cover(front, job.lang), ...contents(front, job.lang)];
  for (const { id, tree } of job.trees.chapters) {
    bc.chapter = id;
    children.push(
      ...blocks(
        tree.children.filter((n): n is Element => n.type === 'element'),
        bc,
      ),
    );
  }
  const text = [frontText(front), edition.shortTitle, '0123456789', ...job.trees.chapters.map((c) => treeText(c.tree))];
  const doc = new Document({
    title: edition.title,
    subject: edition.subject,
    creator: edition.authors.join(', '),
    lastModifiedBy: edition.authorGroup,
    keywords: edition.keywords.join(', '),
    description: edition.description,
    styles: documentStyles(job.lang),
    numbering,
    fonts: await embeddedFonts(job.ctx, job.lang, text.flat().join(' ')),
    footnotes: Object.fromEntries(bc.footnotes),
    features: { updateFields: true },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 } },
        },
        headers: { default: new Header({ children: [new Paragraph({ style: 'Header', text: edition.shortTitle })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ style: 'Footer', children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
          }),
        },
        children,
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  return addSourcesPart(bytes, sources.xml(), `${job.config.id}-${job.lang}`, job.date);
}

type Footnotes = Map<string, { children: Paragraph[] }>;

async function context(
  job: EditionJob,
  trees: EditionTrees,
  sources: SourceMap,
): Promise<BlockContext & { footnotes: Footnotes }> {
  const isNote = (el: Element) => el.tagName === 'li' && String(el.properties.id ?? '').startsWith('note-');
  const notes = new Map(
    trees.chapters.flatMap((c) => elements(c.tree, isNote)).map((li) => [String(li.properties.id), li]),
  );
  const images = new Map<string, Uint8Array>();
  for (const f of job.html.files)
    if (f.path.endsWith('.png')) {
      const content = await f.content;
      if (typeof content !== 'string') images.set(f.path, content);
    }
  const anchors = new Map<string, string>();
  const footnotes: Footnotes = new Map();
  const cited = new Set<string>();
  const bc: BlockContext & { footnotes: Footnotes } = {
    lang: job.lang,
    sources,
    data: job.data,
    images,
    chapter: '',
    lists: 0,
    footnotes,
    anchor: (id) => {
      if (!anchors.has(id)) anchors.set(id, `R${anchors.size + 1}_${id.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 40));
      return anchors.get(id)!;
    },
    footnote: (noteId) => {
      const li = notes.get(noteId);
      if (!li || cited.has(noteId)) return undefined;
      cited.add(noteId);
      const n = footnotes.size + 1;
      const unit = `note.${noteId.slice('note-'.length)}`;
      const paragraphs = li.children.filter(isElement).filter((p) => p.tagName === 'p');
      const children = paragraphs.map(
        (p, i) =>
          new Paragraph({
            style: 'FootnoteText',
            children: i === 0 ? sourced(bc, unit, runs(p.children, bc), citedAt(li, job.data)) : runs(p.children, bc),
          }),
      );
      footnotes.set(String(n), { children });
      return n;
    },
  };
  return bc;
}

const numbering: INumberingOptions = {
  config: [
    {
      reference: 'bullets',
      levels: [0, 1, 2, 3].map((level) => ({
        level,
        format: LevelFormat.BULLET,
        text: ['•', '◦', '▪', '•'][level]!,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 283 } } },
      })),
    },
    {
      reference: 'ordered',
      levels: [0, 1, 2, 3].map((level) => ({
        level,
        format: level % 2 ? LevelFormat.LOWER_LETTER : LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 340 } } },
      })),
    },
  ],
};

/**
 * Where a note made from citations comes from (it is no unit of the chapter: render-markdown writes it from the
 * bibliography): the first cited reference's entry in data/references.*, so that a reviewer's change to it is
 * reported there — `npm run review` lists it, `--apply` leaves it to the editor (not a chapter's Markdown).
 */
function citedAt(note: Element, data: ReportData): { unit: string; file: string; line: number } | undefined {
  const refs = data.references;
  const keys = elements(note, (el) => el.properties.dataCites !== undefined)
    .flatMap((el) => String(el.properties.dataCites).split(/\s+/))
    .filter((key) => refs?.at.has(key));
  const at = keys.length ? refs!.at.get(keys[0]!)! : undefined;
  return at && { unit: `cite.${keys.join('.')}`, file: at.file, line: at.line };
}
