import { PageBreak, Paragraph, TableOfContents, TextRun, type FileChild } from 'docx';
import type { Lang } from '../../context.js';
import type { EditionMeta } from '../../model/config.js';
import type { Heading } from '../../model/edition.js';
import type { Strings } from '../../model/templates.js';
import { formatDate } from '../../locale/units.js';
import { smartenStrings } from '../../locale/typography.js';
import { clean } from './inline.js';
import { runLanguage } from './styles.js';

/** What the document opens with, as the edition's page prints it: the cover's lines and the contents' entries. */
export interface FrontMatter {
  /** The cover: the title in Word's Title style, the rest in Cover Text. */
  cover: { style: 'Title' | 'CoverText'; text: string }[];
  contents: { title: string; entries: { title: string; level: 1 | 2 }[] };
}

/**
 * The cover and contents from the edition's meta (report.yaml), strings and headings — what the theme's layout
 * prints on its cover (institution, title, subtitle, group, authors, date, note) and in its contents (the headings
 * down to level 3: chapter headings at level 1, sections at 2).
 */
export function frontMatter(
  meta: EditionMeta,
  strings: Strings,
  date: string,
  headings: Heading[],
  lang: Lang,
): FrontMatter {
  const m = smartenStrings(meta, lang);
  const s = smartenStrings(strings, lang);
  const cover: { style: 'Title' | 'CoverText'; text: string | undefined }[] = [
    { style: 'CoverText', text: m.institution },
    { style: 'Title', text: m.title },
    ...[m.subtitle, m.authorGroup, `${s.authorsLabel}${m.authors.join(s.listSeparator)}`, formatDate(date, lang)].map(
      (text) => ({ style: 'CoverText' as const, text }),
    ),
    { style: 'CoverText', text: m.titleNote },
  ];
  const entries = headings
    .filter((h) => h.depth <= 3)
    .map((h) => ({ title: clean(h.text), level: h.depth === 3 ? (2 as const) : (1 as const) }));
  const lines = cover.filter((c): c is FrontMatter['cover'][number] => !!c.text);
  return { cover: lines, contents: { title: clean(s.contents), entries } };
}

/** The cover's paragraphs, then a page break. */
export function cover(front: FrontMatter, lang: Lang): FileChild[] {
  const language = runLanguage[lang];
  return [
    ...front.cover.map(({ style, text }) => new Paragraph({ style, children: [new TextRun({ text, language })] })),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/** The contents: a Word TOC field (headings 1–2, linked), filled in with the page's entries until Word updates it. */
export function contents(front: FrontMatter, lang: Lang): FileChild[] {
  const { title, entries } = front.contents;
  return [
    new Paragraph({
      style: 'TOCHeading',
      children: [new TextRun({ text: title, bold: true, size: 32, language: runLanguage[lang] })],
    }),
    new TableOfContents(title || 'Contents', { hyperlink: true, headingStyleRange: '1-2', cachedEntries: entries }),
  ];
}

/** The text the front matter prints (for the fonts embedded). */
export function frontText(front: FrontMatter): string {
  return [...front.cover.map((c) => c.text), front.contents.title, ...front.contents.entries.map((e) => e.title)].join(
    ' ',
  );
}
