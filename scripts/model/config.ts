/** The report's settings (report.yaml), as loaded and checked. */
import type { Lang } from '../context.js';

export interface EditionMeta {
  title: string;
  shortTitle: string;
  subtitle?: string;
  authorGroup: string;
  authors: string[];
  institution: string;
  contact?: string;
  subject: string;
  keywords: string[];
  description: string;
  titleNote?: string;
}

export interface ReportConfig {
  id: string;
  /** ISO date (YYYY-MM-DD) of the report: used for printed dates and the PDF creation date. */
  date: string;
  languages: Lang[];
  sourceLanguage: Lang;
  baseUrl?: string;
  /** `ua-1`: check each printed PDF against PDF/UA-1 (outputs/pdf/ua-check.ts); a finding fails the build. */
  pdfStandard?: 'ua-1';
  editions: Record<Lang, EditionMeta>;
  /** Output formats a full build adds to the defaults (report.yaml `formats:`, e.g. `[docx]`): optional ones only. */
  formats?: string[];
  /**
   * Where the PDF prints the notes: `footnotes` (the default, set by load-config) at the foot of the page that
   * cites each (outputs/pdf/footnotes.ts); `sections` at the end of each chapter, as the web edition does;
   * `endnotes` every chapter's notes gathered at the end of the PDF, under a heading per chapter (endnotes.ts).
   */
  notes?: 'footnotes' | 'sections' | 'endnotes';
  /**
   * How footnotes are numbered in print: `edition` (the default) as everywhere, across the edition; `page` from 1
   * on each page (footnotes only: the HTML keeps the edition's numbers).
   */
  noteNumbering?: 'edition' | 'page';
  /** The press PDF for the print shop (report.yaml `press:`), when asked for. */
  press?: PressConfig;
  /**
   * report.yaml `citations:`: a CSL style file (inside the report) per language, in place of the built-in one;
   * `bibliography`: every cited reference listed at the end of each edition (`true`, titled from the theme's
   * strings, or a title per language: a language not named keeps the theme's).
   */
  citations?: { style?: Partial<Record<Lang, string>>; bibliography?: boolean | Partial<Record<Lang, string>> };
}

/** A printer's mark drawn outside the bleed. */
export type PressMark = 'crop' | 'registration' | 'colour-bars';

/** report.yaml `press:` as written (lengths as strings such as `3mm`); outputs/press/ reads the sizes. */
export interface PressConfig {
  /** A page size name (A4, B5, …) or `width height` (`185mm 260mm`): the size the sheets are cut to. */
  trim?: string;
  /** How far artwork at the edge runs past the trim (default 3mm). */
  bleed?: string;
  marks?: PressMark[];
  /** The line outside the marks naming the report, edition, date and page (default on). */
  slug?: boolean;
  /** `rgb` (PDF/X-4 with an sRGB output intent, the default) or `cmyk` (converted by Ghostscript when installed). */
  colour?: 'rgb' | 'cmyk';
  /** For `cmyk`: the press condition's ICC profile, a path inside the report folder. */
  profile?: string;
}
