/** The report's bibliography (data/references.json or data/references.bib), as CSL-JSON items by citation key. */

/** One reference in CSL-JSON (the fields citeproc reads; `id` is the citation key). */
export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

export interface References {
  /** The file they were read from, relative to the report root. */
  file: string;
  items: Map<string, CslItem>;
  /** Where each reference starts in that file. */
  at: Map<string, { file: string; line: number; column: number }>;
}
