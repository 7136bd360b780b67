/**
 * The report's data as the stages see it: datasets with per-value sources,
 * the values bound into prose, figures and tables (data/).
 */
import type { I18n, Lang } from '../context.js';
import type { Scale, Unit } from '../locale/units.js';
import type { References } from './references.js';

export interface DatasetMeta {
  title: I18n;
  source: I18n;
  unit?: Unit;
  /** Each column's type, and for a number column a title that names its values where a chart's mark says them. */
  columns?: Record<string, { type: 'string' | 'integer' | 'number'; title?: I18n }>;
  labels?: Record<string, Record<string, I18n>>;
  sources: Record<string, { title: string; url?: string }>;
  notes?: string[];
  /** Sample data, not real figures: its charts and tables carry a visible mark (strings `illustrative`). */
  illustrative?: boolean;
}

export type Cell = string | number | null;

export interface DatasetRow {
  values: Record<string, Cell>;
  /** Each cell as written in the CSV (trimmed): numbers keep their decimals. */
  raw: Record<string, string>;
  line: number;
}

export interface Dataset {
  id: string;
  file: string;
  meta: DatasetMeta;
  columns: string[];
  rows: DatasetRow[];
  /** The CSV text and meta text, for content hashes. */
  fingerprint: string;
}

/** A value that prose can cite with {{num "id"}}. */
export interface ValueRef {
  id: string;
  raw: string;
  unit: Unit;
  dataset: string;
  file: string;
  line: number;
}

export interface Figure {
  id: string;
  caption: I18n;
  source: I18n;
  sourceLabel: string;
  chart?: string;
  dataset?: string;
  spec?: Record<string, unknown>;
  coverage?: I18n;
  unit?: I18n;
  subtitle?: I18n;
  description?: I18n;
  at: { file: string; line: number; column: number };
}

/** A column of a table bound to a dataset (`columns:` in data/tables.yaml). */
export interface TableColumn {
  column: string;
  header: I18n;
  /** Numbers print in this unit; the `value` column defaults to the row's unit, as {{num}}. */
  unit?: Unit;
  /** The number alone, without its unit (as {{num … bare=true}}). */
  bare?: boolean;
  /** Round to this many decimals (as {{num … decimals=N}}). */
  decimals?: number;
  /** Money in English counted in this scale in every cell (else the scale of the column's largest value). */
  scale?: Scale;
}

/** A table whose cells come from a dataset: which columns, which rows (filtered and sorted). */
export interface TableBinding {
  dataset: string;
  columns: TableColumn[];
  /** The dataset's rows the table shows, in the order it shows them. */
  rows: DatasetRow[];
}

export interface Table {
  id: string;
  caption: I18n;
  source: I18n;
  sourceLabel: string;
  note?: I18n;
  partial: string;
  /** A literal table: the parsed JSON its partial renders. */
  data?: unknown;
  /** A table bound to a dataset. */
  binding?: TableBinding;
  at: { file: string; line: number; column: number };
  /** Where its partial is named (or its id, when it uses the default partial). */
  partialAt: { file: string; line: number; column: number };
}

export interface ReportData {
  datasets: Map<string, Dataset>;
  values: Map<string, ValueRef>;
  figures: Map<string, Figure>;
  tables: Map<string, Table>;
  /** data/references.json or data/references.bib, when the report has one. */
  references?: References;
}

/** The unit of a row's `value`: its own `unit` cell, else the dataset's unit, else `number`. */
export function valueUnit(ds: Dataset, row: DatasetRow): Unit {
  return ((typeof row.values.unit === 'string' && row.values.unit) || ds.meta.unit || 'number') as Unit;
}

/** A value's display label in `lang`, for coded columns. */
export function labelOf(ds: Dataset, col: string, code: Cell, lang: Lang): string | undefined {
  return ds.meta.labels?.[col]?.[String(code)]?.[lang];
}
