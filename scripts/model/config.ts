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
}
