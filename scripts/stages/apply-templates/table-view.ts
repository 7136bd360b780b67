import type { Lang } from '../../context.js';
import {
  labelOf,
  valueUnit,
  type Dataset,
  type DatasetRow,
  type TableBinding,
  type TableColumn,
} from '../../model/data.js';
import { formatBare, formatValue, type Unit } from '../../locale/units.js';
import { columnFormats, type ColumnFormat } from '../../locale/column-format.js';

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
  const formats = binding.columns.map((c) => numberFormats(binding, ds, c, lang));
  const rows = binding.rows.map((row) => ({
    cells: binding.columns.map((c, i) => ({
      text: cellText(ds, row, c, lang, formats[i]!),
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

/** The unit a number cell prints in: the column's, else (the `value` column) the row's; none when bare. */
function cellUnit(ds: Dataset, row: DatasetRow, c: TableColumn): Unit | undefined {
  if (c.bare) return undefined;
  return c.unit ?? (c.column === 'value' ? valueUnit(ds, row) : undefined);
}

/** The column's one scale and precision per unit (locale/column-format.ts), from the numbers it shows. */
function numberFormats(
  binding: TableBinding,
  ds: Dataset,
  c: TableColumn,
  lang: Lang,
): Map<Unit | undefined, ColumnFormat> {
  const cells = binding.rows
    .filter(
      (row) =>
        typeof row.values[c.column] === 'number' && labelOf(ds, c.column, row.values[c.column]!, lang) === undefined,
    )
    .map((row) => ({ raw: row.raw[c.column]!, unit: cellUnit(ds, row, c) }));
  return columnFormats(cells, lang, { decimals: c.decimals, scale: c.scale });
}

function cellText(
  ds: Dataset,
  row: DatasetRow,
  c: TableColumn,
  lang: Lang,
  formats: Map<Unit | undefined, ColumnFormat>,
): string {
  const v = row.values[c.column];
  if (v === null || v === undefined || v === '') return '';
  const label = labelOf(ds, c.column, v, lang);
  if (label !== undefined) return label;
  const raw = row.raw[c.column]!;
  if (typeof v !== 'number') return raw;
  const unit = cellUnit(ds, row, c);
  const format = formats.get(unit);
  // A number column without a unit (a year, a code) prints as written unless it is rounded or bare.
  if (!unit)
    return c.bare || c.decimals !== undefined
      ? formatBare(raw, lang, { decimals: c.decimals, places: format?.places })
      : raw;
  return formatValue(raw, unit, lang, { decimals: c.decimals, ...format });
}
