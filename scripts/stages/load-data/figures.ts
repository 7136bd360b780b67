import path from 'node:path';
import { existsSync } from 'node:fs';
import type { BuildContext, I18n } from '../../context.js';
import { loadYamlFile } from '../../sources/yaml.js';
import { i18nSchema, validate } from '../../sources/validate.js';
import { readText, rel, resolveInside } from '../../sources/files.js';
import { nearest } from '../../diagnostics/did-you-mean.js';
import type { Dataset, Figure } from '../../model/data.js';
import { jsonPlace, parseJson } from '../../sources/json.js';

export const figureSchema = {
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

export function loadFigures(ctx: BuildContext, dataDir: string, datasets: Map<string, Dataset>): Map<string, Figure> {
  const figures = new Map<string, Figure>();
  const doc = loadYamlFile(
    ctx,
    path.join(dataDir, 'figures.yaml'),
    'declare figures in data/figures.yaml (an empty file is fine)',
  );
  if (!doc || doc.value == null) return figures;
  if (!validate(ctx, figureSchema, doc)) return figures;
  for (const [id, f] of Object.entries(doc.value as Record<string, Record<string, unknown>>)) {
    const at = doc.at([id]);
    if (!/^fig:[a-z0-9-]+$/.test(id))
      ctx.diagnostics.report('schema', at, [`Figure id "${id}" must look like fig:name`]);
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
        if (spec !== undefined && (!spec || typeof spec !== 'object' || Array.isArray(spec))) {
          ctx.diagnostics.report('chart-spec', { file: rel(ctx, abs), line: 1, column: 1 }, [
            'the file must hold one JSON object, the spec',
          ]);
        } else if (spec) {
          fig.spec = spec as Record<string, unknown>;
          fig.chart = rel(ctx, abs);
          const named = (spec as { data?: { name?: unknown } }).data?.name;
          const name = typeof named === 'string' ? named : (f.dataset as string | undefined);
          // A dataset that exists but failed to load was reported already: no second message.
          if (name && !datasets.has(name) && existsSync(path.join(dataDir, `${name}.csv`))) continue;
          if (!name || !datasets.has(name)) {
            ctx.diagnostics.report('unknown-dataset', jsonPlace(text, fig.chart, ['data', 'name']), [
              name ?? '(none)',
              name ? nearest(name, datasets.keys()) : '',
            ]);
          } else fig.dataset = name;
        }
      }
    }
    figures.set(id, fig);
  }
  return figures;
}
