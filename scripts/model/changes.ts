/**
 * What a build printed from data, and how two builds differ: the record the
 * next build compares against, and the change set the CLI, dev mode and
 * dist/changes.html report.
 */
import type { Lang } from '../context.js';

/** One place an edition printed a bound value. */
export interface ValueUse {
  id: string;
  /** Source chapter, relative to the report root, and the line of the {{num}}. */
  file: string;
  line: number;
  /** The heading id of the section it is in (for finding its PDF page). */
  section: string;
  /** The sentence, as printed, with the value's text between the markers «\u0001» and «\u0002». */
  sentence: string;
  /** PDF page (1-based) where the sentence landed, when the edition was printed. */
  page?: number;
}

export interface RecordedValue {
  raw: string;
  unit: string;
  dataset: string;
  /** Where the value is defined (dataset file and line). */
  file: string;
  line: number;
  /** The value as each edition prints it. */
  text: Partial<Record<Lang, string>>;
}

export interface RecordedChart {
  dataset: string;
  /** Figure number per edition. */
  n: Partial<Record<Lang, number>>;
  /** Figure number and caption per edition. */
  label: Partial<Record<Lang, string>>;
  /** sha256 (24 hex) of the SVG each edition shows; the SVG is kept in <cache>/changes/svg/<hash>.svg. */
  svg: Partial<Record<Lang, string>>;
}

export interface ValueRecord {
  values: Record<string, RecordedValue>;
  uses: Partial<Record<Lang, ValueUse[]>>;
  charts: Record<string, RecordedChart>;
  /** Tables bound to a dataset: table id → dataset id, the CSV lines of the rows it shows, its number and label per edition. */
  tables: Record<
    string,
    { dataset: string; rows: number[]; n: Partial<Record<Lang, number>>; label: Partial<Record<Lang, string>> }
  >;
}

export interface ValueChange {
  id: string;
  before?: RecordedValue;
  after?: RecordedValue;
  usesBefore: Partial<Record<Lang, ValueUse[]>>;
  usesAfter: Partial<Record<Lang, ValueUse[]>>;
  charts: string[];
  tables: string[];
}

export interface ChangeSet {
  /** False on a first build (nothing to compare with). */
  compared: boolean;
  changed: ValueChange[];
  added: ValueChange[];
  removed: ValueChange[];
  /** Charts whose SVG changed in some edition: figure id → hashes before and after per edition. */
  charts: {
    id: string;
    label: Partial<Record<Lang, string>>;
    before: Partial<Record<Lang, string>>;
    after: Partial<Record<Lang, string>>;
  }[];
  /**
   * Pages (1-based) that differ from the last build, per edition; absent when not compared (no PDF in both
   * builds, or nothing from data changed).
   */
  pages: Partial<Record<Lang, number[]>>;
}
