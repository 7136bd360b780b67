import type { Lang } from '../../context.js';
import { type Dataset, labelOf } from '../../model/data.js';
import { bestProblem, validatorFor, type VegaLiteValidators } from '../../sources/vega-lite-schema.js';
import { nearest } from '../../diagnostics/did-you-mean.js';
import { derivedFields, expressionKeys, fieldUses, type FieldUse } from './expression-fields.js';

/** A problem found in a spec before compiling: where it is, as a path into the spec (a property's name when `key`). */
export interface SpecProblem {
  rule: 'chart-spec' | 'chart-field' | 'chart-categories' | 'chart-labels' | 'unsafe-link' | 'remote-resource';
  args: string[];
  hintArgs?: string[];
  path: (string | number)[];
  key?: boolean;
}

/** Replace every {"i18n": {zh, en}} by the edition's string. */
export function localize<T>(value: T, lang: Lang): T {
  if (Array.isArray(value)) return value.map((v) => localize(v, lang)) as T;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj.i18n && typeof obj.i18n === 'object' && Object.keys(obj).length === 1)
      return (obj.i18n as Record<Lang, unknown>)[lang] as T;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, localize(v, lang)])) as T;
  }
  return value;
}

/**
 * The dataset's rows as chart input: typed values plus, for labelled columns, `<col>_label` (its name in the
 * edition's language) and `<col>_order` (the place of its code, the same in every language: domains.ts).
 */
export function chartRows(ds: Dataset, lang: Lang): Record<string, unknown>[] {
  const labelled = Object.keys(ds.meta.labels ?? {});
  const places = new Map(labelled.map((col) => [col, codeOrder(ds, col)]));
  return ds.rows.map((r) => {
    const row: Record<string, unknown> = { ...r.values };
    for (const col of labelled) {
      row[`${col}_label`] = labelOf(ds, col, r.values[col] ?? null, lang) ?? r.values[col];
      row[`${col}_order`] = places.get(col)!.get(String(r.values[col] ?? ''));
    }
    return row;
  });
}

/** The codes of a labelled column, each with its place: the meta's `labels:` first, then as they first appear in the data. */
export function codeOrder(ds: Dataset, col: string): Map<string, number> {
  const codes = [...Object.keys(ds.meta.labels?.[col] ?? {}), ...ds.rows.map((r) => String(r.values[col] ?? ''))];
  return new Map([...new Set(codes)].map((code, i) => [code, i]));
}

/** An {"i18n": …} that lacks a language, or holds something other than text, at its path. */
export function checkI18n(spec: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ('i18n' in o && Object.keys(o).length === 1) {
      const i18n = o.i18n as Record<string, unknown> | null;
      for (const lang of ['zh', 'en']) {
        if (!i18n || typeof i18n !== 'object' || typeof i18n[lang] !== 'string')
          problems.push({
            rule: 'chart-spec',
            args: [`"${at.join('.')}" gives no ${lang} text: {"i18n": {"zh": "…", "en": "…"}}`],
            path: [...at, 'i18n'],
          });
      }
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, [...at, Array.isArray(o) ? Number(k) : k]);
  };
  walk(spec, []);
  return problems.slice(0, 1);
}

/** A chart reads a dataset of the report by name: data from a URL would be fetched from the network (or a file outside the data). */
export function checkData(spec: Record<string, unknown>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const data = o.data as Record<string, unknown> | undefined;
    if (data && typeof data === 'object' && 'url' in data)
      problems.push({
        rule: 'chart-spec',
        args: ['"data" names a URL: charts read a dataset of the report, {"data": {"name": "<dataset id>"}}'],
        path: [...at, 'data', 'url'],
        key: true,
      });
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, [...at, Array.isArray(o) ? Number(k) : k]);
  };
  walk(spec, []);
  return problems.slice(0, 1);
}

/**
 * A spec or theme without its "$comment" keys (JSON has no comments; this is
 * JSON Schema's name for one, and Vega-Lite ignores it), for the schema, which
 * allows no key it does not know.
 */
export function withoutComments<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutComments) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '$comment')
      .map(([k, v]) => [k, withoutComments(v)]),
  ) as T;
}

/** Check a (localized) spec against Vega-Lite's own schema: its one most telling problem. */
export function checkSchema(written: Record<string, unknown>, validators: VegaLiteValidators): SpecProblem[] {
  const spec = withoutComments(written);
  const validate = validatorFor(validators, spec);
  if (!validate)
    return [
      {
        rule: 'chart-spec',
        args: ['the spec has no "mark" (nor "layer", "facet", "repeat", "concat", "hconcat" or "vconcat")'],
        path: [],
      },
    ];
  if (validate(spec)) return [];
  const best = bestProblem(validate.errors ?? [], spec);
  return best ? [{ rule: 'chart-spec', args: [best.message], path: best.path, key: best.key }] : [];
}

/**
 * Check the fields the encodings name, and those the expressions and filters read (expression-fields.ts),
 * against the dataset's columns and the fields its transforms make: a misspelled field is an error at its
 * place, with the nearest known name.
 */
export function checkFields(spec: Record<string, unknown>, ds: Dataset): SpecProblem[] {
  const fields = new Set([...ds.columns, ...Object.keys(ds.meta.labels ?? {}).map((c) => `${c}_label`)]);
  const derived = derivedFields(spec, (col) => [...new Set(ds.rows.map((r) => r.raw[col] ?? ''))]);
  const known = new Set([...fields, ...derived]);
  const made = derived.size ? `; the spec's transforms make: ${[...derived].join(', ')}` : '';
  const problem = (use: FieldUse): SpecProblem => ({
    rule: 'chart-field',
    args: [use.field, ds.id, nearest(use.field, known), use.expr ?? ''],
    hintArgs: [[...fields].join(', ') + made],
    path: use.path,
  });
  return [...encodingFields(spec), ...fieldUses(spec)].filter((u) => !known.has(u.field)).map(problem);
}

/** The fields the encodings name (a channel's, a condition's), at their paths. */
function encodingFields(spec: Record<string, unknown>): FieldUse[] {
  const uses: FieldUse[] = [];
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, [...at, i]));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.encoding && typeof o.encoding === 'object') {
      for (const [channel, def] of Object.entries(o.encoding as Record<string, unknown>)) {
        const defs = Array.isArray(def)
          ? def.map((d, i) => [d, [...at, 'encoding', channel, i]] as const)
          : [[def, [...at, 'encoding', channel]] as const];
        for (const [d, where] of defs) {
          for (const [x, w] of [
            [d, where],
            [(d as { condition?: unknown })?.condition, [...where, 'condition']],
          ] as const) {
            const field = (x as { field?: unknown } | undefined)?.field;
            if (typeof field === 'string') uses.push({ field, path: [...w, 'field'] });
          }
        }
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'encoding') walk(v, [...at, k]);
  };
  walk(spec, []);
  return uses;
}

/**
 * The first Vega expression of a spec that cannot be parsed (`parse`: Vega's
 * own parser), at its path: Vega-Lite's compile error names no place.
 */
export function expressionProblem(spec: unknown, parse: (expr: string) => unknown): SpecProblem | undefined {
  let found: SpecProblem | undefined;
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (found || !node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const where = [...at, Array.isArray(node) ? Number(k) : k];
      if (typeof v === 'string' && expressionKeys.includes(k)) {
        try {
          parse(v);
        } catch (e) {
          found = {
            rule: 'chart-spec',
            args: [`the expression "${v}" cannot be read: ${String((e as Error)?.message ?? e).split('\n')[0]}`],
            hintArgs: [
              "write it in Vega's expression language (datum.<column>, operators, functions): " +
                'see https://vega.github.io/vega/docs/expressions/',
            ],
            path: where,
          };
          return;
        }
      } else walk(v, where);
    }
  };
  walk(spec, []);
  return found;
}
