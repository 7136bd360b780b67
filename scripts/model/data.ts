/**
 * The report's data as the stages see it: datasets with per-value sources,
 * the values bound into prose, figures and tables (data/).
 */
import type { I18n, Lang } from '../context.js';
import type { Unit } from '../locale/units.js';

export interface DatasetMeta {
  title: I18n;
  source: I18n;
  unit?: Unit;
  columns?: Record<string, { type: 'string' | 'integer' | 'number' }>;
  labels?: Record<string, Record<string, I18n>>;
  sources: Record<string, { title: string; url?: string }>;
  notes?: string[];
}

export type Cell = string | number | null;

export interface Dataset {
  id: string;
  file: string;
  meta: DatasetMeta;
  columns: string[];
  rows: { values: Record<string, Cell>; raw: Record<string, string>; line: number }[];
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

export interface Table {
  id: string;
  caption: I18n;
  source: I18n;
  sourceLabel: string;
  note?: I18n;
  partial: string;
  data: unknown;
  at: { file: string; line: number; column: number };
}

export interface ReportData {
  datasets: Map<string, Dataset>;
  values: Map<string, ValueRef>;
  figures: Map<string, Figure>;
  tables: Map<string, Table>;
}

/** A value's display label in `lang`, for coded columns. */
export function labelOf(ds: Dataset, col: string, code: Cell, lang: Lang): string | undefined {
  return ds.meta.labels?.[col]?.[String(code)]?.[lang];
}
