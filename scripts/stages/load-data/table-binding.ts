import type { BuildContext, I18n } from '../../context.js';
import type { YamlFile } from '../../sources/yaml.js';
import { nearest } from '../../diagnostics/did-you-mean.js';
import { isUnit, units, type Scale } from '../../locale/units.js';
import type { Cell, Dataset, DatasetRow, TableBinding, TableColumn } from '../../model/data.js';

/**
 * A table bound to a dataset, checked against it: every column named in
 * `columns`, `filter` and `sort` exists, units are known and apply to numbers,
 * the filter keeps at least one row. Each problem is reported at its line in
 * data/tables.yaml. Returns the columns and the rows the table shows.
 */
export function bindTable(
  ctx: BuildContext,
  doc: YamlFile,
  id: string,
  t: Record<string, unknown>,
  ds: Dataset,
): TableBinding | undefined {
  let ok = true;
  const check: BindingCheck = {
    ctx,
    doc,
    id,
    ds,
    known: (col: unknown, keyPath: (string | number)[]): col is string => {
      if (typeof col === 'string' && ds.columns.includes(col)) return true;
      ctx.diagnostics.report(
        'table-column',
        doc.at([id, ...keyPath]),
        [String(col), ds.id, nearest(String(col), ds.columns)],
        [ds.columns.join(', ')],
      );
      return (ok = false);
    },
    fail: () => (ok = false),
  };
  const columns = tableColumns(check, t.columns as Record<string, unknown>[]);
  const filter = filterSpecs(check, t.filter as Record<string, unknown> | undefined);
  const sort = sortKeys(check, t.sort);
  if (!ok) return undefined;
  const rows = ds.rows.filter((r) => filter.every(({ col, wanted }) => wanted.some((w) => same(r, col, w))));
  if (rows.length === 0) {
    const shown = filter
      .map(({ col, wanted }) => `${col}: ${wanted.length === 1 ? wanted[0] : `[${wanted.join(', ')}]`}`)
      .join(', ');
    const present = filter.map(({ col }) => `${col} ${distinct(ds, col)}`).join('; ');
    ctx.diagnostics.report('table-filter', doc.at([id, 'filter']), [`{ ${shown} }`, ds.id], [present]);
    return undefined;
  }
  return { dataset: ds.id, columns, rows: ordered(rows, sort) };
}

/**
 * What each part of a table's binding is checked against: `known` reports a column the dataset
 * lacks (at `keyPath` under the table's id), `fail` marks the binding as failed.
 */
interface BindingCheck {
  ctx: BuildContext;
  doc: YamlFile;
  id: string;
  ds: Dataset;
  known: (col: unknown, keyPath: (string | number)[]) => col is string;
  fail: () => void;
}

/** The table's `columns`: each a column of the dataset, with a known unit; unit, bare, decimals and scale only on numbers. */
function tableColumns(check: BindingCheck, specs: Record<string, unknown>[]): TableColumn[] {
  const { ctx, doc, id, ds } = check;
  const columns: TableColumn[] = [];
  specs.forEach((c, i) => {
    if (!check.known(c.column, ['columns', i, 'column'])) return;
    const col: TableColumn = {
      column: c.column,
      header: c.header as I18n,
      bare: c.bare as boolean | undefined,
      decimals: c.decimals as number | undefined,
      scale: c.scale as Scale | undefined,
    };
    if (typeof c.unit === 'string') {
      if (isUnit(c.unit)) col.unit = c.unit;
      else {
        ctx.diagnostics.report(
          'unknown-unit',
          doc.at([id, 'columns', i, 'unit']),
          [c.unit, nearest(c.unit, units)],
          [units.join(', ')],
        );
        check.fail();
      }
    }
    const formatting = ['unit', 'bare', 'decimals', 'scale'].find((k) => c[k] !== undefined);
    if (formatting && !isNumberColumn(ds, c.column)) {
      ctx.diagnostics.report(
        'schema',
        doc.at([id, 'columns', i, formatting]),
        [`"${formatting}" formats numbers, and column "${c.column}" of dataset "${ds.id}" holds text`],
        ["declare it as a number in the meta's columns, or remove the option"],
      );
      check.fail();
    }
    columns.push(col);
  });
  return columns;
}

/** The table's `filter`: for each column, the values (one or a list) a row may hold to be shown. */
function filterSpecs(
  check: BindingCheck,
  filter: Record<string, unknown> | undefined,
): { col: string; wanted: string[] }[] {
  const { ctx, doc, id } = check;
  return Object.entries(filter ?? {}).map(([col, want]) => {
    check.known(col, ['filter', col]);
    const wanted = Array.isArray(want) ? want : [want];
    if (wanted.length === 0 || wanted.some((w) => typeof w !== 'string' && typeof w !== 'number')) {
      ctx.diagnostics.report(
        'schema',
        doc.at([id, 'filter', col]),
        [`"${id}.filter.${col}" must be a value or a list of values`],
        ['e.g. year: 2021, or economy: [CHN, USA]'],
      );
      check.fail();
    }
    return { col, wanted: wanted.map(String) };
  });
}

/** `sort: column`, `sort: { column, order }` or a list of these → keys in order. */
function sortKeys(check: BindingCheck, sort: unknown): { col: string; descending: boolean }[] {
  const { ctx, doc, id } = check;
  if (sort === undefined) return [];
  const list = Array.isArray(sort) ? sort : [sort];
  const keys: { col: string; descending: boolean }[] = [];
  list.forEach((s, i) => {
    const keyPath = Array.isArray(sort) ? ['sort', i] : ['sort'];
    const spec = typeof s === 'string' ? { column: s } : (s as { column?: unknown; order?: unknown } | null);
    const extra =
      spec && typeof spec === 'object' ? Object.keys(spec).filter((k) => k !== 'column' && k !== 'order') : [];
    if (
      !spec ||
      typeof spec !== 'object' ||
      spec.column === undefined ||
      extra.length ||
      (spec.order !== undefined && spec.order !== 'ascending' && spec.order !== 'descending')
    ) {
      ctx.diagnostics.report(
        'schema',
        doc.at([id, ...keyPath]),
        [`"${id}.sort" takes a column name or { column: name, order: ascending | descending }`],
        ['see "Tables" in docs/authoring.md'],
      );
      return check.fail();
    }
    if (check.known(spec.column, [...keyPath, ...(typeof s === 'string' ? [] : ['column'])]))
      keys.push({ col: spec.column as string, descending: spec.order === 'descending' });
  });
  return keys;
}

/** Rows sort by the stored values (codes, not labels), so both editions list them in the same order. */
function ordered(rows: DatasetRow[], sort: { col: string; descending: boolean }[]): DatasetRow[] {
  return rows.slice().sort((a, b) => {
    for (const { col, descending } of sort) {
      const c = compare(a.values[col] ?? null, b.values[col] ?? null);
      if (c) return descending ? -c : c;
    }
    return 0;
  });
}

function isNumberColumn(ds: Dataset, col: string): boolean {
  const type = col === 'value' ? 'number' : ds.meta.columns?.[col]?.type;
  return type === 'number' || type === 'integer';
}

/** Does the row's cell in `col` hold `want`? Numbers compare as numbers (2021 = 2021.0), text as written. */
function same(row: DatasetRow, col: string, want: string): boolean {
  const v = row.values[col];
  return typeof v === 'number' ? want.trim() !== '' && Number(want) === v : (row.raw[col] ?? '') === want;
}

/** The values a column holds, for a hint: `year 2017, 2018, …`. */
function distinct(ds: Dataset, col: string): string {
  const seen = [...new Set(ds.rows.map((r) => r.raw[col] ?? ''))];
  return seen.length > 12 ? `${seen.slice(0, 12).join(', ')}, …` : seen.join(', ');
}

/** Numbers before text, empty cells last; text by code point (the same in every language). */
function compare(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}
