import type { PDFDocument } from 'pdf-lib';
import type { Lang } from '../../context.js';
import type { EditionMeta } from '../../model/config.js';
import { htmlLang } from '../../locale/languages.js';
import { setXmp } from './xmp.js';

/** How each language lists the authors and brackets them after the group: 经济组（甲、乙）, Group (A, B). */
const authorPunctuation: Record<Lang, { list: string; open: string; close: string }> = {
  zh: { list: '、', open: '（', close: '）' },
  en: { list: ', ', open: ' (', close: ')' },
};

/** The Author entry: the group, then its authors in brackets, in the edition's punctuation. */
export function pdfAuthor(meta: EditionMeta, lang: Lang): string {
  const p = authorPunctuation[lang];
  return `${meta.authorGroup}${p.open}${meta.authors.join(p.list)}${p.close}`;
}

/**
 * The Keywords entry: one string, keywords apart by "; ", which PDF readers (Acrobat's document properties,
 * exiftool, search indexers) split on. pdf-lib's setKeywords joins its list with spaces, which loses the bounds of
 * a keyword of several words ("science and technology innovation"), so it is given the joined string.
 */
export function pdfKeywords(meta: EditionMeta): string {
  return meta.keywords.join('; ');
}

/** The document information dictionary of an edition's PDF, its language, and the same in XMP (PDF/UA-1: xmp.ts). */
export function setMetadata(doc: PDFDocument, meta: EditionMeta, lang: Lang, date: Date): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(pdfAuthor(meta, lang));
  doc.setSubject(meta.subject);
  doc.setKeywords([pdfKeywords(meta)]);
  doc.setCreator(meta.institution);
  doc.setProducer('bilingual-report (Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(htmlLang[lang]);
  setXmp(doc, {
    title: meta.title,
    lang: htmlLang[lang],
    author: pdfAuthor(meta, lang),
    subject: meta.subject,
    keywords: pdfKeywords(meta),
    producer: doc.getProducer() ?? '',
    date,
  });
}
