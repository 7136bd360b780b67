/** An edition on its way to HTML: rendered chapters, headings, what they placed and cited. */
import type { Root as HastRoot } from 'hast';
import type { Lang } from '../context.js';
import type { Chapter } from './content.js';
import type { Strings } from './templates.js';

export interface Heading {
  id: string;
  /** HTML level: the chapter heading is 2 (the report title is the page's only h1). */
  depth: number;
  text: string;
  chapterId: string;
  file: string;
  line: number;
}

export interface RenderedChapter {
  chapter: Chapter;
  tree: HastRoot;
  headings: Heading[];
}

export interface RenderedEdition {
  lang: Lang;
  chapters: RenderedChapter[];
  state: EditionState;
  notes: NoteState;
  /** Every citation of a reference, in order. */
  citations: CitationUse[];
  /** The report's files its chapters show or link to (images, documents), and the datasets they link to. */
  published: PublishedFiles;
}

export interface PublishedFiles {
  /** Relative to the edition's folder (`assets/media/map-1a2b3c4d5e.png`), with their bytes. */
  files: EditionFile[];
  /** Dataset ids whose CSV a chapter links to. */
  datasets: string[];
}

export interface Usage {
  kind: 'figure' | 'table' | 'value' | 'ref';
  id: string;
  file: string;
  line: number;
  column: number;
}

export interface EditionState {
  lang: Lang;
  strings: Strings;
  /**
   * A random key in the markers that {{figure}}, {{table}} and {{> byline}} leave
   * in the Markdown (`<!--report-KEY:figure:id-->`): text typed in a chapter cannot forge one.
   */
  markerKey: string;
  /** Figure and table ids in order of placement. */
  placed: Usage[];
  used: Usage[];
  /** id → number in the edition (figures and tables counted separately). */
  numbers: Map<string, number>;
}

export interface NoteUse {
  id: string;
  file: string;
  line: number;
  column: number;
}

/** A citation of a reference (`[@key]`, `@key`) in an edition: the key, where it stands. */
export interface CitationUse {
  key: string;
  file: string;
  line: number;
  column: number;
}

export interface NoteState {
  /** note id → number, in order of first citation across the edition. */
  numbers: Map<string, number>;
  defined: NoteUse[];
  cited: NoteUse[];
  /** note id → references so far in the edition (a reference's element id is unique in the page). */
  refs: Map<string, number>;
  /** note id → where it is listed first, and its definition there (a later chapter lists it under an id of its own). */
  listed: Map<string, { anchor: string; text: string; at: string }>;
}

export interface EditionHtml {
  lang: Lang;
  html: string;
  headings: Heading[];
  /** Datasets whose CSV the page links for download. */
  datasets: string[];
  /** Other files the page links to (chart downloads, tables as CSV), relative to the edition's folder. */
  files: EditionFile[];
}

/**
 * An edition's chapters as trees once apply-templates has filled them: each chapter's hast with its figures, tables
 * and byline in place of render-markdown's slots — what the formats written from trees (the DOCX) walk, so that
 * none of them reads the page's HTML back. The partials' output (a table's `<table>`, the byline) is in the tree as
 * hast; a chart's drawing stays our own SVG text (a `raw` node in `.chart-wide`, `.chart-narrow`). Made per build,
 * for the formats that ask for them (`OutputFormat.trees`), and not kept past it: dev mode keeps the page, not these.
 */
export interface EditionTrees {
  chapters: { id: string; tree: HastRoot }[];
}

/** What apply-templates makes of an edition: its page, and the chapters' filled trees when they were asked for. */
export interface TemplatedEdition {
  page: EditionHtml;
  trees?: EditionTrees;
}

export interface EditionFile {
  path: string;
  /** A promise: a chart's download still being drawn (written into the output when it is; the build waits for it). */
  content: string | Uint8Array | Promise<string | Uint8Array>;
}
