import type { Lang } from '../../context.js';
import { type Dataset, labelOf } from '../../model/data.js';

/** Problems found in a spec before compiling: each with the text to locate it in the spec file. */
export interface SpecProblem {
  rule: 'chart-spec' | 'chart-field';
  args: string[];
  hintArgs?: string[];
  needle: string;
}

const marks = ['arc', 'area', 'bar', 'image', 'line', 'point', 'rect', 'rule', 'text', 'tick', 'trail', 'circle', 'square', 'geoshape', 'boxplot', 'errorband', 'errorbar'];
const types = ['quantitative', 'nominal', 'ordinal', 'temporal'];

/** Replace every {"i18n": {zh, en}} by the edition's string. */
export function localize<T>(value: T, lang: Lang): T {
  if (Array.isArray(value)) return value.map((v) => localize(v, lang)) as T;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj.i18n && typeof obj.i18n === 'object' && Object.keys(obj).length === 1) return (obj.i18n as Record<Lang, unknown>)[lang] as T;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, localize(v, lang)])) as T;
  }
  return value;
}

/** The dataset's rows as chart input: typed values plus `<col>_label` for labelled columns. */
export function chartRows(ds: Dataset, lang: Lang): Record<string, unknown>[] {
  const labelled = Object.keys(ds.meta.labels ?? {});
  return ds.rows.map((r) => {
    const row: Record<string, unknown> = { ...r.values };
    for (const col of labelled) row[`${col}_label`] = labelOf(ds, col, r.values[col] ?? null, lang) ?? r.values[col];
    return row;
  });
}

/** Check marks, encoding types and field names against the dataset. */
export function checkSpec(spec: Record<string, unknown>, ds: Dataset): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const fields = new Set([...ds.columns, ...Object.keys(ds.meta.labels ?? {}).map((c) => `${c}_label`)]);
  const derived = new Set<string>();
  const walkTransforms = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walkTransforms);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o.transform)) {
      for (const t of o.transform as Record<string, unknown>[]) {
        const as = t.as;
        if (typeof as === 'string') derived.add(as);
        if (Array.isArray(as)) as.forEach((a) => typeof a === 'string' && derived.add(a));
        for (const k of ['aggregate', 'window', 'joinaggregate']) {
          if (Array.isArray(t[k])) for (const a of t[k] as { as?: string }[]) if (a.as) derived.add(a.as);
        }
      }
    }
    for (const v of Object.values(o)) walkTransforms(v);
  };
  walkTransforms(spec);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ('mark' in o) {
      const m = typeof o.mark === 'string' ? o.mark : (o.mark as { type?: string })?.type;
      if (!m || !marks.includes(m)) problems.push({ rule: 'chart-spec', args: [`unknown mark "${m}" (marks are ${marks.slice(0, 11).join(', ')})`], needle: `"${m}"` });
    }
    if (o.encoding && typeof o.encoding === 'object') {
      for (const [channel, def] of Object.entries(o.encoding as Record<string, unknown>)) {
        for (const d of Array.isArray(def) ? def : [def]) {
          if (!d || typeof d !== 'object') continue;
          const { field, type } = d as { field?: unknown; type?: unknown };
          if (type !== undefined && !types.includes(String(type))) problems.push({ rule: 'chart-spec', args: [`encoding "${channel}" has unknown type "${type}" (types are ${types.join(', ')})`], needle: `"${type}"` });
          if (typeof field === 'string' && !fields.has(field) && !derived.has(field)) {
            problems.push({ rule: 'chart-field', args: [field, ds.id], hintArgs: [[...fields].join(', ')], needle: `"${field}"` });
          }
        }
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'encoding' || typeof v !== 'object') walk(v);
    if (o.encoding && typeof o.encoding === 'object') for (const v of Object.values(o.encoding)) walk((v as { condition?: unknown })?.condition);
  };
  walk(spec);
  return problems;
}
