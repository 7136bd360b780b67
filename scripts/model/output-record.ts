/** What the build remembers of one format's output of one edition (incremental/build-record.ts). */
export interface OutputRecord {
  /** What the output was made from (the format's `key`): an edition whose key is unchanged keeps its files. */
  key: string;
  /** The files it wrote, relative to the output folder. */
  files: string[];
  /** What the format wants back next time (a PDF: where its TOC entries and figures landed). */
  state?: unknown;
}
