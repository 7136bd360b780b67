import path from 'node:path';
import { existsSync } from 'node:fs';
import { listFolder } from '../../sources/files.js';
import type { BuildContext } from '../../context.js';
import type { ReportData, Dataset, ValueRef } from '../../model/data.js';
import { collectValues, loadDataset } from './datasets.js';
import { loadFigures } from './figures.js';
import { loadTables } from './tables.js';
import { loadReferences } from './references.js';

/** Stage: data/ → datasets, value ids, figures, tables, the bibliography (all validated). */
export async function loadData(ctx: BuildContext): Promise<ReportData> {
  const dataDir = path.join(ctx.root, 'data');
  const datasets = new Map<string, Dataset>();
  const values = new Map<string, ValueRef>();
  const all = listFolder(ctx, dataDir) ?? [];
  for (const name of all.filter((f) => f.endsWith('.csv'))) {
    const ds = loadDataset(ctx, path.join(dataDir, name));
    if (!ds) continue;
    datasets.set(ds.id, ds);
    collectValues(ctx, ds, values);
  }
  for (const name of all) {
    if (name.endsWith('.meta.yaml') && !existsSync(path.join(dataDir, name.replace('.meta.yaml', '.csv')))) {
      ctx.diagnostics.report(
        'missing-file',
        { file: `data/${name}` },
        [`data/${name.replace('.meta.yaml', '.csv')}`],
        ['a .meta.yaml describes data/<id>.csv beside it'],
      );
    }
  }
  const figures = loadFigures(ctx, dataDir, datasets);
  const tables = loadTables(ctx, dataDir, datasets);
  const references = await loadReferences(ctx, dataDir, all);
  return { datasets, values, figures, tables, ...(references && { references }) };
}
