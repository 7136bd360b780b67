/**
 * What an output format is, as the build sees it (Pandoc's writers are the model): each format is a folder
 * under outputs/ exporting one `OutputFormat`, listed once in registry.ts. The build, the CLI's `--format`,
 * dev mode and the build record read the registry; none of them names a format.
 */
import type { BuildContext, Lang } from '../context.js';
import type { ReportConfig } from '../model/config.js';
import type { Templates } from '../model/templates.js';
import type { ReportData } from '../model/data.js';
import type { EditionHtml, EditionTrees, RenderedEdition } from '../model/edition.js';
import type { BuildPage } from '../browser/page-pool.js';
import type { EditionFonts } from '../fonts/subset.js';
import type { OutputRecord } from '../model/output-record.js';

export type { OutputRecord } from '../model/output-record.js';

/** Where an output writes: the build's staging folder (never dist/ itself), through write-output. */
export interface OutputWriter {
  /** The staging folder's absolute path (a file written there is in dist/ once the build succeeds). */
  dir: string;
  write(rel: string, content: string | Uint8Array): void;
  /** A file whose bytes are still being made: the build waits for it before swapping dist/ in. */
  writeLater(rel: string, content: string | Uint8Array | Promise<string | Uint8Array>): void;
  copy(rel: string, from: string): void;
  fonts(folder: string, fonts: EditionFonts): void;
}

/** Everything one edition's output is made from: the same for every format, given by the caller. */
export interface EditionJob {
  ctx: BuildContext;
  lang: Lang;
  config: ReportConfig;
  templates: Templates;
  data: ReportData;
  rendered: RenderedEdition;
  html: EditionHtml;
  /** The chapters' trees as apply-templates filled them: given when the format asks for them (`trees`). */
  trees?: EditionTrees;
  /** The edition's fonts (subset to its characters, or dev mode's slices). */
  fonts: EditionFonts;
  out: OutputWriter;
  /** The date the edition carries (the report's date, or SOURCE_DATE_EPOCH): never the build clock. */
  date: Date;
  /** What this format made of this edition in the last build (its key, files and own state), if anything. */
  last?: OutputRecord;
  /** A browser page opened for this format at the start of the build (see `pagesPerEdition`). */
  page?: BuildPage;
  signal?: AbortSignal;
}

export interface MadeOutput {
  /** The files written, relative to the output folder. */
  files: string[];
  state?: unknown;
  /** One line for the log and dev mode ("12 pages, 1 pass(es)"). */
  summary?: string;
}

export interface OutputFormat {
  /** The name `--format` takes. */
  name: string;
  /** How logs and dev mode name it ("PDF"). */
  label: string;
  /** What it writes, for `--help`. */
  description: string;
  /** The stage name its time is logged under. */
  stage: string;
  /** Formats whose staged files this one is made from (made first). */
  needs: string[];
  /** Browser pages to open per edition as the build starts, so that they are ready when this format runs. */
  pagesPerEdition: number;
  /**
   * Whether it is written from the chapters' trees (`job.trees`: apply-templates' filled hast, the DOCX) rather
   * than from the page's HTML. The build keeps them only when a format it makes asks.
   */
  trees?: boolean;
  /**
   * Whether the report asks for this format (the press PDF: report.yaml `press:`). Without one, every report
   * does. A format the report does not ask for is passed over: no stage, no files, nothing in the build record.
   */
  asked?(config: ReportConfig): boolean;
  /**
   * Made only on request (the plain-text and DOCX editions): when the caller names it (`--format`), or when the
   * build makes the default list and report.yaml lists it under `formats:`.
   */
  optional?: boolean;
  /** In dev mode: made on every save, or only once the author stops typing (with the full build). */
  dev: 'each-save' | 'when-idle';
  /**
   * The key of what an edition's output is made from, read from the job (the staged files of the formats it
   * needs included). When it equals the last build's, the edition keeps the last output's files. Without
   * one, the output is made every time (it is cheap).
   */
  key?(job: EditionJob): string;
  /** Make the edition's output, writing only through `job.out`. */
  make(job: EditionJob): Promise<MadeOutput>;
}
