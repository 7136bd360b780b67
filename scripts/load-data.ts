import path from 'node:path';
import { readdirSync, existsSync } from 'node:fs';
import type { BuildContext, I18n, Lang } from './context.js';
import { parseCsv, type CsvCell } from './csv.js';
import { isUnit, units, type Unit } from './format.js';
import { loadYamlFile } from './yaml-file.js';
import { i18nSchema, validate } from './schema.js';
import { readText, rel, resolveInside, lineCol } from './source-files.js';
import { jsonErrorOffset } from './json-position.js';
import { nearest } from './diagnostics.js';

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

const metaSchema = {
  type: 'object',
  required: ['title', 'source', 'sources'],
  additionalProperties: false,
  properties: {
    title: i18nSchema,
    source: i18nSchema,
    unit: { enum: units },
    columns: {
      type: 'object',
      additionalProperties: { type: 'object', required: ['type'], properties: { type: { enum: ['string', 'integer', 'number'] } }, additionalProperties: false },
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
  },
};

const figureSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['caption', 'source', 'description'],
    additionalProperties: false,
    properties: {
      caption: i18nSchema,
      source: i18nSchema,
      'source-label': { enum: ['数据来源', '资料来源'] },
      chart: { type: 'string' },
      dataset: { type: 'string' },
      coverage: i18nSchema,
      unit: i18nSchema,
      subtitle: i18nSchema,
      description: i18nSchema,
    },
  },
};

const tableSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['caption', 'source', 'data', 'partial'],
    additionalProperties: false,
    properties: {
      caption: i18nSchema,
      source: i18nSchema,
      'source-label': { enum: ['数据来源', '资料来源'] },
      data: { type: 'string' },
      partial: { type: 'string', pattern: '^[a-z0-9-]+$' },
      note: i18nSchema,
    },
  },
};

/** Stage 2: data/ → datasets, value ids, figures, tables (all validated). */
export function loadData(ctx: BuildContext): ReportData {
  const dataDir = path.join(ctx.root, 'data');
  const datasets = new Map<string, Dataset>();
  const values = new Map<string, ValueRef>();
  const names = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort() : [];
  for (const name of names) {
    const ds = loadDataset(ctx, path.join(dataDir, name));
    if (!ds) continue;
    datasets.set(ds.id, ds);
    collectValues(ctx, ds, values);
  }
  for (const name of existsSync(dataDir) ? readdirSync(dataDir) : []) {
    if (name.endsWith('.meta.yaml') && !existsSync(path.join(dataDir, name.replace('.meta.yaml', '.csv')))) {
      ctx.diagnostics.report('missing-file', { file: `data/${name}` }, [`data/${name.replace('.meta.yaml', '.csv')}`], ['a .meta.yaml describes data/<id>.csv beside it']);
    }
  }
  const figures = loadFigures(ctx, dataDir, datasets);
  const tables = loadTables(ctx, dataDir);
  return { datasets, values, figures, tables };
}

function loadDataset(ctx: BuildContext, csvPath: string): Dataset | undefined {
  const id = path.basename(csvPath, '.csv');
  const file = rel(ctx, csvPath);
  const metaPath = csvPath.replace(/\.csv$/, '.meta.yaml');
  const metaDoc = loadYamlFile(ctx, metaPath, `every dataset needs its metadata: ${rel(ctx, metaPath)} (see docs/authoring.md)`);
  const text = readText(ctx, csvPath);
  if (!metaDoc || text === undefined) return undefined;
  if (!validate(ctx, metaSchema, metaDoc)) return undefined;
  const meta = metaDoc.value as DatasetMeta;
  const { table, problems } = parseCsv(text);
  for (const p of problems) ctx.diagnostics.report('csv-syntax', { file, line: p.line, column: p.column }, [p.message]);
  const columns = table.header.map((c) => c.text.trim());
  const declared = meta.columns ?? {};
  let ok = problems.length === 0;
  const required = ['source', ...Object.keys(declared)];
  for (const col of required) {
    if (!columns.includes(col)) {
      ctx.diagnostics.report('csv-missing-column', { file, line: 1, column: 1 }, [col], [col === 'source' ? 'every dataset (each row names its source)' : `the columns declared in ${metaDoc.file}`]);
      ok = false;
    }
  }
  const typeOf = (col: string): 'string' | 'integer' | 'number' => (col === 'value' ? 'number' : declared[col]?.type ?? 'string');
  const rows: Dataset['rows'] = [];
  for (const cells of table.rows) {
    const line = cells[0]!.line;
    if (cells.length !== columns.length) {
      ctx.diagnostics.report('csv-ragged', { file, line, column: 1 }, [String(cells.length), String(columns.length)]);
      ok = false;
      continue;
    }
    const values: Record<string, Cell> = {};
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      values[col] = typed(ctx, file, cell, col, typeOf(col), () => (ok = false));
    });
    const source = String(values.source ?? '');
    const sourceCell = cells[columns.indexOf('source')];
    if (columns.includes('source')) {
      if (!source) {
        ctx.diagnostics.report('missing-source', { file, line, column: sourceCell?.column ?? 1 });
        ok = false;
      } else if (!meta.sources[source]) {
        ctx.diagnostics.report('unknown-source', { file, line, column: sourceCell?.column ?? 1 }, [source]);
        ok = false;
      }
    }
    if (typeof values.unit === 'string' && values.unit && !isUnit(values.unit)) {
      const c = cells[columns.indexOf('unit')]!;
      ctx.diagnostics.report('schema', { file, line: c.line, column: c.column }, [`Unknown unit "${values.unit}"`], [`units are: ${units.join(', ')}`]);
      ok = false;
    }
    rows.push({ values, raw: Object.fromEntries(cells.map((c, i) => [columns[i]!, c.text.trim()])), line });
  }
  if (!ok) return undefined;
  return { id, file, meta, columns, rows, fingerprint: text + JSON.stringify(meta) };
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

function collectValues(ctx: BuildContext, ds: Dataset, values: Map<string, ValueRef>): void {
  if (!ds.columns.includes('id')) return;
  for (const row of ds.rows) {
    const id = row.values.id;
    if (typeof id !== 'string' || !id) continue;
    const prev = values.get(id);
    if (prev) {
      ctx.diagnostics.report('duplicate-id', { file: ds.file, line: row.line, column: 1 }, [id, `${prev.file}:${prev.line}`]);
      continue;
    }
    const unit = (typeof row.values.unit === 'string' && row.values.unit) || ds.meta.unit || 'number';
    const v = row.values.value;
    if (typeof v !== 'number') {
      ctx.diagnostics.report('csv-not-number', { file: ds.file, line: row.line, column: 1 }, [String(v ?? ''), 'value']);
      continue;
    }
    values.set(id, { id, raw: row.raw.value!, unit: unit as Unit, dataset: ds.id, file: ds.file, line: row.line });
  }
}

function loadFigures(ctx: BuildContext, dataDir: string, datasets: Map<string, Dataset>): Map<string, Figure> {
  const figures = new Map<string, Figure>();
  const doc = loadYamlFile(ctx, path.join(dataDir, 'figures.yaml'), 'declare figures in data/figures.yaml (an empty file is fine)');
  if (!doc || doc.value == null) return figures;
  if (!validate(ctx, figureSchema, doc)) return figures;
  for (const [id, f] of Object.entries(doc.value as Record<string, Record<string, unknown>>)) {
    const at = doc.at([id]);
    if (!/^fig:[a-z0-9-]+$/.test(id)) ctx.diagnostics.report('schema', at, [`Figure id "${id}" must look like fig:name`]);
    const fig: Figure = {
      id,
      caption: f.caption as I18n,
      source: f.source as I18n,
      sourceLabel: (f['source-label'] as string) ?? '数据来源',
      coverage: f.coverage as I18n | undefined,
      unit: f.unit as I18n | undefined,
      subtitle: f.subtitle as I18n | undefined,
      description: f.description as I18n | undefined,
      at,
    };
    if (typeof f.chart === 'string') {
      const chartAt = doc.at([id, 'chart']);
      const abs = resolveInside(ctx, dataDir, f.chart, chartAt);
      const text = abs && readText(ctx, abs, chartAt, 'the chart spec named in data/figures.yaml');
      if (abs && text !== undefined) {
        const spec = parseJson(ctx, text, rel(ctx, abs));
        if (spec) {
          fig.spec = spec as Record<string, unknown>;
          fig.chart = rel(ctx, abs);
          const name = (spec as { data?: { name?: string } }).data?.name ?? (f.dataset as string | undefined);
          // A dataset that exists but failed to load was reported already: no second message.
          if (name && !datasets.has(name) && existsSync(path.join(dataDir, `${name}.csv`))) continue;
          if (!name || !datasets.has(name)) {
            ctx.diagnostics.report('unknown-dataset', name ? lineOf(text, `"${name}"`, fig.chart) : { file: fig.chart, line: 1, column: 1 }, [name ?? '(none)', name ? nearest(name, datasets.keys()) : '']);
          } else fig.dataset = name;
        }
      }
    }
    figures.set(id, fig);
  }
  return figures;
}

function loadTables(ctx: BuildContext, dataDir: string): Map<string, Table> {
  const tables = new Map<string, Table>();
  const doc = loadYamlFile(ctx, path.join(dataDir, 'tables.yaml'), 'declare tables in data/tables.yaml (an empty file is fine)');
  if (!doc || doc.value == null) return tables;
  if (!validate(ctx, tableSchema, doc)) return tables;
  for (const [id, t] of Object.entries(doc.value as Record<string, Record<string, unknown>>)) {
    const at = doc.at([id]);
    if (!/^tab:[a-z0-9-]+$/.test(id)) ctx.diagnostics.report('schema', at, [`Table id "${id}" must look like tab:name`]);
    const dataAt = doc.at([id, 'data']);
    const abs = resolveInside(ctx, dataDir, t.data as string, dataAt);
    const text = abs && readText(ctx, abs, dataAt, 'the table data named in data/tables.yaml');
    const data = abs && text !== undefined ? parseJson(ctx, text, rel(ctx, abs)) : undefined;
    if (data === undefined) continue;
    tables.set(id, {
      id,
      caption: t.caption as I18n,
      source: t.source as I18n,
      sourceLabel: (t['source-label'] as string) ?? '资料来源',
      note: t.note as I18n | undefined,
      partial: t.partial as string,
      data,
      at,
    });
  }
  return tables;
}

export function parseJson(ctx: BuildContext, text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!;
    const m = /position (\d+)/.exec(msg);
    const lc = lineCol(text, m ? Number(m[1]) : jsonErrorOffset(text));
    const what = /^(Unexpected token '?.'?|Expected [^"]*?)(,| in JSON| after)/.exec(msg)?.[1] ?? 'invalid JSON';
    ctx.diagnostics.report('json-syntax', { file, ...lc }, [what.trim()]);
    return undefined;
  }
}

export function lineOf(text: string, needle: string, file: string): { file: string; line: number; column: number } {
  const i = text.indexOf(needle);
  return { file, ...(i < 0 ? { line: 1, column: 1 } : lineCol(text, i)) };
}

/** A value's display label in `lang`, for coded columns. */
export function labelOf(ds: Dataset, col: string, code: Cell, lang: Lang): string | undefined {
  return ds.meta.labels?.[col]?.[String(code)]?.[lang];
}
