import { AlignmentType, LineRuleType, type IRunOptions, type IStylesOptions } from 'docx';
import type { Lang } from '../../context.js';
import { editionFamilies } from '../../fonts/catalogue.js';

/** The language tags on every run: Word's spelling and line breaking read them. */
export const runLanguage: Record<Lang, { value: string; eastAsia: string }> = {
  zh: { value: 'zh-CN', eastAsia: 'zh-CN' },
  en: { value: 'en-GB', eastAsia: 'zh-CN' },
};

type RunFonts = { ascii: string; hAnsi: string; eastAsia: string; cs: string };

/** A run font: Latin letters in the edition's first family, Chinese in its CJK family (East Asian font setting). */
export function fonts(lang: Lang, kind: 'body' | 'sans'): RunFonts {
  const families = editionFamilies[lang][kind];
  const latin = families[0]!;
  const cjk = families[families.length - 1]!;
  return { ascii: latin, hAnsi: latin, eastAsia: cjk, cs: latin };
}

const ink = '1F2328';
const muted = '555A60';
const pt = (n: number) => n * 2; // half-points

/**
 * Word's own styles (Normal, Heading 1–4, Title, Caption, Quote, List Paragraph, Footnote Text, Header, Footer,
 * Hyperlink), set from the theme: body text in the edition's serif, headings, captions, tables and notes in
 * its sans, with the East Asian font and the edition's language, so that reviewers can restyle and navigate.
 */
export function documentStyles(lang: Lang): IStylesOptions {
  const body = fonts(lang, 'body');
  const sans = fonts(lang, 'sans');
  const language = runLanguage[lang];
  const heading = (size: number, before: number): { run: IRunOptions; paragraph: object } => ({
    run: { font: sans, size: pt(size), bold: true, color: ink, language },
    paragraph: {
      spacing: { before: before * 20, after: 120, line: 300, lineRule: LineRuleType.AUTO },
      keepNext: true,
      keepLines: true,
    },
  });
  return {
    default: {
      document: {
        run: { font: body, size: pt(10.5), color: ink, language },
        paragraph: { spacing: { after: 120, line: lang === 'zh' ? 360 : 320, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font: sans, size: pt(22), bold: true, language }, paragraph: { spacing: { after: 240 } } },
      heading1: heading(16, 18),
      heading2: heading(13, 12),
      heading3: heading(11.5, 10),
      heading4: heading(10.5, 8),
      caption: {
        run: { font: sans, size: pt(10), bold: true, italics: false, color: ink, language },
        paragraph: { spacing: { before: 120, after: 80 }, keepNext: true },
      },
      listParagraph: { run: { language }, paragraph: { spacing: { after: 60 } } },
      footnoteText: {
        run: { font: sans, size: pt(8.5), language },
        paragraph: { spacing: { after: 40, line: 260, lineRule: LineRuleType.AUTO } },
      },
      hyperlink: { run: { color: '1A5FB4', underline: {} } },
    },
    paragraphStyles: paragraphStyles(lang),
  };
}

/** The styles of figures, tables, the cover and the page furniture (Word has no styles of its own for these). */
function paragraphStyles(lang: Lang): NonNullable<IStylesOptions['paragraphStyles']> {
  const sans = fonts(lang, 'sans');
  const language = runLanguage[lang];
  const small = { font: sans, size: pt(9), color: muted, language };
  return [
    {
      id: 'Quote',
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { italics: lang === 'en', color: muted },
      paragraph: { indent: { left: 567, right: 567 } },
    },
    { id: 'FigureNote', name: 'Figure Note', basedOn: 'Normal', run: small, paragraph: { spacing: { after: 40 } } },
    {
      id: 'FigureSource',
      name: 'Figure Source',
      basedOn: 'Normal',
      run: small,
      paragraph: { spacing: { after: 200 } },
    },
    {
      id: 'FigureImage',
      name: 'Figure Image',
      basedOn: 'Normal',
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { after: 60, line: 240, lineRule: LineRuleType.AUTO },
      },
    },
    {
      id: 'Pending',
      name: 'Pending Figure',
      basedOn: 'Normal',
      run: { ...small, color: '5B4300' },
      paragraph: { alignment: AlignmentType.CENTER, shading: { fill: 'FFF4D6' }, spacing: { before: 60, after: 60 } },
    },
    { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { font: sans, size: pt(8.5), language } },
    {
      id: 'CoverText',
      name: 'Cover Text',
      basedOn: 'Normal',
      run: { font: sans, size: pt(11), language },
      paragraph: { spacing: { after: 80 } },
    },
    {
      // Word's own "TOC Heading" (the contents' title): undefined, Word and LibreOffice set it in their own font
      id: 'TOCHeading',
      name: 'TOC Heading',
      basedOn: 'Heading1',
      next: 'Normal',
      run: { font: sans, size: pt(16), bold: true, color: ink, language },
      paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
    },
    { id: 'Header', name: 'header', basedOn: 'Normal', run: small },
    { id: 'Footer', name: 'footer', basedOn: 'Normal', run: small, paragraph: { alignment: AlignmentType.CENTER } },
  ];
}
