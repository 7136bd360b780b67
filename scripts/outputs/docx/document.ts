import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
  type FileChild,
  type INumberingOptions,
} from 'docx';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { EditionJob } from '../format.js';
import { blocks, sourced, type BlockContext } from './blocks.js';
import { classes, clean, runs } from './inline.js';
import { SourceMap } from './sources.js';
import { documentStyles, runLanguage } from './styles.js';
import { addSourcesPart } from './package.js';
import { embeddedFonts } from './fonts.js';
import { visibleText } from '../../fonts/edition-fonts.js';

const isElement = (n: ElementContent): n is Element => n.type === 'element';

function elements(node: Root | Element, test: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const c of node.children)
    if (c.type === 'element') {
      if (test(c)) out.push(c);
      else elements(c, test, out);
    }
  return out;
}

/**
 * One edition as a Word document, made from the edition's page tree (the `<main>` the templates filled from the
 * rendered chapters): cover, a table of contents field, the chapters with their figures, tables and notes as
 * Word footnotes, a running header and page numbers. Every paragraph with a source carries a hidden bookmark
 * that the custom XML part maps to its unit, file and line (read back by `npm run review`).
 */
export async function editionDocx(job: EditionJob): Promise<Uint8Array> {
  const main = elements(fromHtml(job.html.html), (el) => el.tagName === 'main')[0];
  if (!main) throw new Error('The edition page has no <main>');
  const sources = new SourceMap(job.rendered, job.data, job.lang);
  const bc = await context(job, main, sources);
  const children: FileChild[] = [];
  for (const el of main.children.filter(isElement)) {
    const cls = classes(el);
    if (cls.includes('cover')) children.push(...cover(el, bc));
    else if (cls.includes('toc-print')) children.push(...contents(el, bc));
    else if (el.properties.dataChapter !== undefined) {
      bc.chapter = String(el.properties.dataChapter);
      children.push(...blocks(el.children, bc));
    } else children.push(...blocks([el], bc));
  }
  const edition = job.config.editions[job.lang];
  const doc = new Document({
    title: edition.title,
    subject: edition.subject,
    creator: edition.authors.join(', '),
    lastModifiedBy: edition.authorGroup,
    keywords: edition.keywords.join(', '),
    description: edition.description,
    styles: documentStyles(job.lang),
    numbering,
    fonts: await embeddedFonts(job.ctx, job.lang, visibleText(job.html.html)),
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
  main: Element,
  sources: SourceMap,
): Promise<BlockContext & { footnotes: Footnotes }> {
  const notes = new Map(
    elements(main, (el) => el.tagName === 'li' && String(el.properties.id ?? '').startsWith('note-')).map((li) => [
      String(li.properties.id),
      li,
    ]),
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
            children: i === 0 ? sourced(bc, unit, runs(p.children, bc)) : runs(p.children, bc),
          }),
      );
      footnotes.set(String(n), { children });
      return n;
    },
  };
  return bc;
}

/** The cover: the title in Word's Title style, the rest in Cover Text; then a page break. */
function cover(el: Element, bc: BlockContext): FileChild[] {
  const out: Paragraph[] = [];
  for (const p of elements(el, (c) => c.tagName === 'p' || c.tagName === 'h1'))
    out.push(new Paragraph({ style: p.tagName === 'h1' ? 'Title' : 'CoverText', children: runs(p.children, bc) }));
  out.push(new Paragraph({ children: [new PageBreak()] }));
  return out;
}

/** The contents: a Word TOC field (headings 1–2, linked), filled in with the page's entries until Word updates it. */
function contents(el: Element, bc: BlockContext): FileChild[] {
  const title = elements(el, (c) => classes(c).includes('toc-title'))[0];
  const entries = elements(el, (c) => c.tagName === 'li').map((li) => ({
    title: clean(toText(elements(li, (c) => classes(c).includes('toc-text'))[0] ?? li)),
    level: classes(li).includes('toc-sub') ? 2 : 1,
  }));
  return [
    new Paragraph({
      style: 'TOCHeading',
      children: [
        new TextRun({ text: title ? clean(toText(title)) : '', bold: true, size: 32, language: runLanguage[bc.lang] }),
      ],
    }),
    new TableOfContents(title ? clean(toText(title)) : 'Contents', {
      hyperlink: true,
      headingStyleRange: '1-2',
      cachedEntries: entries,
    }),
  ];
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
