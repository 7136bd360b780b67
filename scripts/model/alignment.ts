/**
 * A translation kept in step unit by unit: each chapter split into units (heading, paragraph, list item,
 * table cell, figure/table caption, note), each unit of a translation paired with the unit of the source
 * language it translates, and what the sidecar file recorded as the source text at translation time.
 */
import type { Lang } from '../context.js';

export type UnitKind = 'heading' | 'paragraph' | 'item' | 'cell' | 'caption' | 'note' | 'slot';

/** Where a run of a unit's text starts in its file: text index `at` is at line:column. */
export interface Span {
  at: number;
  line: number;
  column: number;
}

export interface Unit {
  /**
   * Stable within the edition: `status-hk` (heading), `status-hk.p2`, `status-hk.li1`, `status-hk.t1.r2c3`,
   * `note.n2`, `fig:rd-gdp.caption`; a slot (`{{figure}}`, `{{table}}`, `{{> byline}}`) is its figure id or `byline`.
   */
  id: string;
  kind: UnitKind;
  /** The id of the heading the unit stands under. */
  section: string;
  /** The source text as written (Markdown and `{{…}}` expressions kept), white space folded. */
  text: string;
  file: string;
  line: number;
  column: number;
  spans: Span[];
  /** The fragment that shows the unit in the edition's HTML page. */
  anchor: string;
}

/** A line of the sidecar: an English unit, the source unit it translates, the source text it was translated from. */
export interface UnitRecord {
  /** The translated unit's id. */
  unit: string;
  /** The words it begins with (to find it again when units are added or removed before it). */
  begins?: string;
  /** The id of the source unit it translates. */
  from?: string;
  /** The source text it was translated from. */
  source?: string;
  /**
   * Differences between the pair that are meant (a link to each edition's own page), as the check lists them
   * (`https://example.org/en/ only in the English`): while the pair differs in exactly these, it is not reported.
   */
  differs?: string[];
}

export type PairStatus =
  /** in step */
  | 'ok'
  /** the source text changed since the translation was made */
  | 'stale'
  /** paired by position, but nothing recorded (a chapter without a sidecar, or a unit added since) */
  | 'unrecorded'
  /** a source unit without translation */
  | 'untranslated'
  /** a translated unit without source */
  | 'orphan';

export interface UnitPair {
  /** The unit of the source language (Chinese). */
  source?: Unit;
  /** The unit of the translation (English). */
  target?: Unit;
  status: PairStatus;
  /** What the sidecar recorded for `target`, if anything. */
  record?: UnitRecord;
  /** Differences inside the pair: numbers, {{num}}, {{ref}}, notes or links on one side only. */
  mismatches: Mismatch[];
  /** The differences the sidecar records as meant (`record.differs`), when they are all there are (then `mismatches` is empty). */
  intended?: Mismatch[];
}

export interface Mismatch {
  /** `45`, `{{num "hk-gerd-2020"}}`, `[^n2]`, a URL. */
  what: string;
  /** The side that has it (the other lacks it), and where in that unit's text. */
  side: 'source' | 'target';
  index: number;
}

export interface ChapterAlignment {
  id: string;
  source: { lang: Lang; file: string };
  target: { lang: Lang; file: string };
  /** content/<lang>/NN-slug.align.yaml, beside the translation. */
  sidecar: string;
  /** False when the chapter has no sidecar yet. */
  recorded: boolean;
  pairs: UnitPair[];
}

export interface Alignment {
  source: Lang;
  /** One entry per translation language. */
  translations: { lang: Lang; chapters: ChapterAlignment[] }[];
}

/** HTML-safe element id for a figure or table id ("fig:rd-gdp" → "fig-rd-gdp"). */
export function figureAnchor(id: string): string {
  return id.replace(':', '-');
}

/** The sidecar that records how a translated chapter follows its source. */
export function sidecarPath(chapterFile: string): string {
  return chapterFile.replace(/\.md$/, '.align.yaml');
}
