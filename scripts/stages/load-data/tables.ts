import path from 'node:path';
import type { BuildContext, I18n } from '../../context.js';
import { loadYamlFile } from '../../sources/yaml.js';
import { i18nSchema, validate } from '../../sources/validate.js';
import { readText, rel, resolveInside } from '../../sources/files.js';
import { parseJson } from '../../sources/json.js';
import type { Table } from '../../model/data.js';

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


export function loadTables(ctx: BuildContext, dataDir: string): Map<string, Table> {
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
