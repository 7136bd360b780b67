import path from 'node:path';
import type { BuildContext } from '../../context.js';
import { parseCsv, type CsvCell, type CsvTable } from '../../sources/csv.js';
import { isUnit, units } from '../../locale/units.js';
import { loadYamlFile } from '../../sources/yaml.js';
import { i18nSchema, validate } from '../../sources/validate.js';
import { readText, rel } from '../../sources/files.js';
import { valueUnit, type Dataset, type ValueRef, type DatasetMeta, type Cell } from '../../model/data.js';

export const metaSchema = {
  type: 'object',
  required: ['title', 'source', 'sources'],
  additionalProperties: false,
  properties: {
    title: i18nSchema,
    source: i18nSchema,
    unit: { enum: units },
    columns: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: ['string', 'integer', 'number'] }, title: i18nSchema },
        additionalProperties: false,
      },
    },
    labels: { type: 'object', additionalProperties: { type: 'object', additionalProperties: i18nSchema } },
    sources: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string', minLength: 1 }, url: { type: 'string' } },
        additionalProperties: false,
      },
    },
    notes: { type: 'array', items: { type: 'string' } },
    illustrative: { type: 'boolean' },
  },
};

export function loadDataset(ctx: BuildContext, csvPath: string): Dataset | undefined {
  const id = path.basename(csvPath, '.csv');
  const file = rel(ctx, csvPath);
  const metaPath = csvPath.replace(/\.csv$/, '.meta.yaml');
  const metaDoc = loadYamlFile(
    ctx,
    metaPath,
    `every dataset needs its metadata: ${rel(ctx, metaPath)} (see docs/authoring.md)`,
  );
  const text = readText(ctx, csvPath);
  if (!metaDoc || text === undefined) return undefined;
  if (!validate(ctx, metaSchema, metaDoc)) return undefined;
  const meta = metaDoc.value as DatasetMeta;
  const { table, problems } = parseCsv(text);
  for (const p of problems)
    ctx.diagnostics.report('csv-syntax', { file, line: p.line, column: p.column }, [p.message], [p.hint]);
  if (problems.length) return undefined; // (what follows would be read wrongly: the syntax comes first)
  const columns = table.header.map((c) => c.text.trim());
  const declared = meta.columns ?? {};
  if (!columns.length) {
    ctx.diagnostics.report(
      'csv-empty',
      { file, line: 1, column: 1 },
      ['The file has no header row'],
      ['write the column names on the first line, then one row per value'],
    );
    return undefined;
  }
  let ok = checkShape(ctx, file, table, columns, Object.keys(declared), metaDoc.file);
  const reader: RowReader = {
    ctx,
    file,
    columns,
    meta,
    typeOf: (col) => (col === 'value' ? 'number' : (declared[col]?.type ?? 'string')),
    fail: () => (ok = false),
  };
  const rows: Dataset['rows'] = [];
  for (const cells of table.rows) {
    const row = readRow(reader, cells);
    if (row) rows.push(row);
  }
  if (!ok) return undefined;
  return { id, file, meta, columns, rows, fingerprint: text + JSON.stringify(meta) };
}

/**
 * Checks the header (every column named, once), that there are rows, and that the required columns are there:
 * `source` and the declared ones.
 */
function checkShape(
  ctx: BuildContext,
  file: string,
  table: CsvTable,
  columns: string[],
  declared: string[],
  metaFile: string,
): boolean {
  let ok = true;
  table.header.forEach((c, i) => {
    const name = columns[i]!;
    const first = columns.indexOf(name);
    if (!name)
      ctx.diagnostics.report(
        'csv-header',
        { file, line: c.line, column: c.column },
        [`Column ${i + 1} of the header has no name`],
        ['name every column (or remove the extra comma)'],
      );
    else if (first !== i)
      ctx.diagnostics.report(
        'csv-header',
        { file, line: c.line, column: c.column },
        [`Column "${name}" appears twice in the header`],
        ['give each column its own name'],
      );
    else return;
    ok = false;
  });
  if (!table.rows.length) {
    ctx.diagnostics.report(
      'csv-empty',
      { file, line: 2, column: 1 },
      ['The dataset has a header but no rows'],
      ['add its rows, or delete the dataset and its .meta.yaml'],
    );
    ok = false;
  }
  const required = ['source', ...declared];
  for (const col of required) {
    if (!columns.includes(col)) {
      ctx.diagnostics.report(
        'csv-missing-column',
        { file, line: 1, column: 1 },
        [col],
        [col === 'source' ? 'every dataset (each row names its source)' : `the columns declared in ${metaFile}`],
      );
      ok = false;
    }
  }
  return ok;
}

/** What a row is read against; `fail` marks the dataset as not loaded (its problems are reported). */
interface RowReader {
  ctx: BuildContext;
  file: string;
  columns: string[];
  meta: DatasetMeta;
  typeOf: (col: string) => 'string' | 'integer' | 'number';
  fail: () => void;
}

/** A row's typed values, its source and unit checked; undefined for a row with the wrong number of cells. */
function readRow(r: RowReader, cells: CsvCell[]): Dataset['rows'][number] | undefined {
  const { ctx, file, columns } = r;
  const line = cells[0]!.line;
  if (cells.length !== columns.length) {
    ctx.diagnostics.report('csv-ragged', { file, line, column: 1 }, [String(cells.length), String(columns.length)]);
    r.fail();
    return undefined;
  }
  const values: Record<string, Cell> = {};
  cells.forEach((cell, i) => {
    const col = columns[i]!;
    values[col] = typed(ctx, file, cell, col, r.typeOf(col), r.fail);
  });
  if (columns.includes('source')) checkSource(r, String(values.source ?? ''), line, cells[columns.indexOf('source')]);
  if (typeof values.unit === 'string' && values.unit && !isUnit(values.unit)) {
    const c = cells[columns.indexOf('unit')]!;
    ctx.diagnostics.report(
      'schema',
      { file, line: c.line, column: c.column },
      [`Unknown unit "${values.unit}"`],
      [`units are: ${units.join(', ')}`],
    );
    r.fail();
  }
  return { values, raw: Object.fromEntries(cells.map((c, i) => [columns[i]!, c.text.trim()])), line };
}

/** A row's source: given, and one of the sources its metadata lists. */
function checkSource(r: RowReader, source: string, line: number, sourceCell: CsvCell | undefined): void {
  if (!source) {
    r.ctx.diagnostics.report('missing-source', { file: r.file, line, column: sourceCell?.column ?? 1 });
    r.fail();
  } else if (!r.meta.sources[source]) {
    r.ctx.diagnostics.report('unknown-source', { file: r.file, line, column: sourceCell?.column ?? 1 }, [source]);
    r.fail();
  }
}

function typed(ctx: BuildContext, file: string, cell: CsvCell, col: string, type: string, fail: () => void): Cell {
  const t = cell.text.trim();
  if (type === 'string') return t;
  if (t === '') return null;
  const n = Number(t);
  if (!/^-?\d+(\.\d+)?$/.test(t) || (type === 'integer' && !Number.isInteger(n))) {
    ctx.diagnostics.report('csv-not-number', { file, line: cell.line, column: cell.column }, [t, col]);
    fail();
    return null;
  }
  return n;
}

export function collectValues(ctx: BuildContext, ds: Dataset, values: Map<string, ValueRef>): void {
  if (!ds.columns.includes('id')) return;
  for (const row of ds.rows) {
    const id = row.values.id;
    if (typeof id !== 'string' || !id) continue;
    const prev = values.get(id);
    if (prev) {
      ctx.diagnostics.report('duplicate-id', { file: ds.file, line: row.line, column: 1 }, [
        id,
        `${prev.file}:${prev.line}`,
      ]);
      continue;
    }
    const unit = valueUnit(ds, row);
    const v = row.values.value;
    if (typeof v !== 'number') {
      ctx.diagnostics.report('csv-not-number', { file: ds.file, line: row.line, column: 1 }, [
        String(v ?? ''),
        'value',
      ]);
      continue;
    }
    values.set(id, { id, raw: row.raw.value!, unit, dataset: ds.id, file: ds.file, line: row.line });
  }
}
