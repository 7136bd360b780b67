import type { Lang } from '../../context.js';
import {
  labelOf,
  valueUnit,
  type Dataset,
  type DatasetRow,
  type TableBinding,
  type TableColumn,
} from '../../model/data.js';
import { formatBare, formatValue } from '../../locale/units.js';

/** What a table partial receives for a table bound to a dataset: headers and cell text in one language. */
export interface TableView {
  columns: { column: string; header: string; numeric: boolean }[];
  rows: { cells: { text: string; numeric: boolean; rowHeader: boolean }[] }[];
}

/**
 * A bound table's cells in `lang`: coded values by their label (the meta's
 * `labels`), numbers through the same formatter as {{num}} (the `value` column
 * in the row's own unit unless the column names one), other cells as written.
 * The first column heads its row.
 */
export function tableView(binding: TableBinding, ds: Dataset, lang: Lang): TableView {
  // The first column heads the rows (left-aligned, as text); the others align right when they hold numbers.
  const columns = binding.columns.map((c, i) => ({
    column: c.column,
    header: c.header[lang],
    numeric: i > 0 && isNumeric(ds, c),
  }));
  const rows = binding.rows.map((row) => ({
    cells: binding.columns.map((c, i) => ({
      text: cellText(ds, row, c, lang),
      numeric: columns[i]!.numeric,
      rowHeader: i === 0,
    })),
  }));
  return { columns, rows };
}

function isNumeric(ds: Dataset, c: TableColumn): boolean {
  const type = c.column === 'value' ? 'number' : ds.meta.columns?.[c.column]?.type;
  return (type === 'number' || type === 'integer') && !ds.meta.labels?.[c.column];
}

function cellText(ds: Dataset, row: DatasetRow, c: TableColumn, lang: Lang): string {
  const v = row.values[c.column];
  if (v === null || v === undefined || v === '') return '';
  const label = labelOf(ds, c.column, v, lang);
  if (label !== undefined) return label;
  const raw = row.raw[c.column]!;
  if (typeof v !== 'number') return raw;
  const unit = c.unit ?? (c.column === 'value' ? valueUnit(ds, row) : undefined);
  if (c.bare || !unit)
    return c.bare || c.decimals !== undefined ? formatBare(raw, lang, { decimals: c.decimals }) : raw;
  return formatValue(raw, unit, lang, { decimals: c.decimals });
}
