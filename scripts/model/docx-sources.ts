/**
 * The source map a DOCX edition carries (outputs/docx writes it, review-docx reads it back): for each
 * paragraph's hidden bookmark, the unit, Markdown file and line it came from, and the numbers it prints from data.
 */

/** The namespace of the custom XML part that lists the places. */
export const sourcesNamespace = 'urn:bilingual-report:docx-sources:1';

/** A number a paragraph prints from data: its value id, as printed, and where the value is. */
export interface SourceNumber {
  id: string;
  shown: string;
  file: string;
  line: number;
}

/** Where a paragraph of the DOCX comes from: the hidden bookmark it carries names one of these. */
export interface SourcePlace {
  bookmark: string;
  unit: string;
  file: string;
  line: number;
  /** The unit's source text as written (Markdown and `{{…}}` kept, white space folded), for `--apply`. */
  text: string;
  /** Where runs of `text` start in the file: text index → line (`Unit.spans`). */
  spans: { at: number; line: number }[];
  numbers: SourceNumber[];
}
