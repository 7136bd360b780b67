import path from 'node:path';
import { existsSync } from 'node:fs';
import type { BuildContext, I18n } from '../../context.js';
import { loadYamlFile, type YamlFile } from '../../sources/yaml.js';
import { i18nSchema, validate } from '../../sources/validate.js';
import { readText, rel, resolveInside } from '../../sources/files.js';
import { parseJson } from '../../sources/json.js';
import { nearest } from '../../diagnostics/did-you-mean.js';
import type { Dataset, Table, TableBinding } from '../../model/data.js';
import { bindTable } from './table-binding.js';
import { checkTableCells } from './table-cells.js';

/** The partial that renders a table bound to a dataset when it names none (theme/partials/table-dataset.hbs). */
export const DEFAULT_TABLE_PARTIAL = 'table-dataset';

export const tableSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['caption'],
    additionalProperties: false,
    properties: {
      caption: i18nSchema,
      source: i18nSchema,
      'source-label': { enum: ['数据来源', '资料来源'] },
      note: i18nSchema,
      partial: { type: 'string', pattern: '^[a-z0-9-]+$' },
      // A literal table: a JSON file of cell text, rendered by its partial.
      data: { type: 'string' },
      // A table bound to a dataset (checked in table-binding.ts).
      dataset: { type: 'string' },
      columns: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['column', 'header'],
          additionalProperties: false,
          properties: {
            column: { type: 'string' },
            header: i18nSchema,
            unit: { type: 'string' },
            bare: { type: 'boolean' },
            decimals: { type: 'integer', minimum: 0, maximum: 10 },
            // Money in English in millions or billions in every cell (table-view.ts; else its largest value's).
            scale: { enum: ['million', 'billion'] },
          },
        },
      },
      filter: { type: 'object' },
      sort: {},
    },
  },
};

/** data/tables.yaml → tables: literal (data: JSON + partial) or bound to a dataset (dataset: + columns:). */
export function loadTables(ctx: BuildContext, dataDir: string, datasets: Map<string, Dataset>): Map<string, Table> {
  const tables = new Map<string, Table>();
  const doc = loadYamlFile(
    ctx,
    path.join(dataDir, 'tables.yaml'),
    'declare tables in data/tables.yaml (an empty file is fine)',
  );
  if (!doc || doc.value == null) return tables;
  if (!validate(ctx, tableSchema, doc)) return tables;
  for (const [id, t] of Object.entries(doc.value as Record<string, Record<string, unknown>>)) {
    const at = doc.at([id]);
    if (!/^tab:[a-z0-9-]+$/.test(id))
      ctx.diagnostics.report('schema', at, [`Table id "${id}" must look like tab:name`]);
    if (!checkKind(ctx, doc, id, t)) continue;
    const ds = typeof t.dataset === 'string' ? datasets.get(t.dataset) : undefined;
    const common = {
      id,
      caption: t.caption as I18n,
      // A bound table's source line defaults to its dataset's.
      source: (t.source as I18n | undefined) ?? ds?.meta.source ?? { zh: '', en: '' },
      // 资料来源 (sources consulted) for a literal table, 数据来源 (data source) for one drawn from a dataset.
      sourceLabel: (t['source-label'] as string) ?? (ds ? '数据来源' : '资料来源'),
      note: t.note as I18n | undefined,
      partial: (t.partial as string | undefined) ?? DEFAULT_TABLE_PARTIAL,
      at,
      partialAt: t.partial ? doc.at([id, 'partial']) : at,
    };
    if (typeof t.data === 'string') {
      const dataAt = doc.at([id, 'data']);
      const abs = resolveInside(ctx, dataDir, t.data, dataAt);
      const text = abs && readText(ctx, abs, dataAt, 'the table data named in data/tables.yaml');
      const data = abs && text !== undefined ? parseJson(ctx, text, rel(ctx, abs)) : undefined;
      if (data !== undefined && checkTableCells(ctx, data, text!, rel(ctx, abs!), common.partial))
        tables.set(id, { ...common, data });
      continue;
    }
    const name = t.dataset as string;
    if (!ds) {
      // A dataset that exists but failed to load was reported already: no second message.
      if (!existsSync(path.join(dataDir, `${name}.csv`)))
        ctx.diagnostics.report('unknown-dataset', doc.at([id, 'dataset']), [name, nearest(name, datasets.keys())]);
      continue;
    }
    const binding: TableBinding | undefined = bindTable(ctx, doc, id, t, ds);
    if (binding) tables.set(id, { ...common, binding });
  }
  return tables;
}

/** A table is either literal (data: and partial:) or bound to a dataset (dataset: and columns:), never both. */
function checkKind(ctx: BuildContext, doc: YamlFile, id: string, t: Record<string, unknown>): boolean {
  const problem = (key: string, what: string) => {
    ctx.diagnostics.report('schema', doc.at([id, key]), [what], ['see "Tables" in docs/authoring.md']);
    return false;
  };
  if (t.data !== undefined && t.dataset !== undefined)
    return problem('dataset', `Table "${id}" has both data: and dataset: — it is either literal or bound to a dataset`);
  if (t.data === undefined && t.dataset === undefined)
    return problem(
      '',
      `Table "${id}" needs data: (a JSON file of cell text, with partial:) or dataset: (a dataset, with columns:)`,
    );
  if (t.data !== undefined) {
    if (t.source === undefined)
      return problem('data', `Table "${id}" has literal data: it needs source: (the source line it prints)`);
    if (t.partial === undefined)
      return problem('data', `Table "${id}" has literal data: it needs partial: (the template that renders its JSON)`);
    for (const key of ['columns', 'filter', 'sort'])
      if (t[key] !== undefined)
        return problem(key, `"${id}.${key}" applies to tables bound to a dataset (dataset:), not to literal data:`);
    return true;
  }
  if (t.columns === undefined)
    return problem(
      'dataset',
      `Table "${id}" is bound to a dataset: it needs columns: (which columns, with their headers)`,
    );
  return true;
}
