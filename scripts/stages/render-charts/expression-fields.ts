import { parseExpression } from 'vega-expression';

/*
 * The fields a chart's Vega expressions read (`datum.year`, `datum['year']`), found with Vega's own expression
 * parser, and the fields its transforms name or make. A filter on a misspelled field compiles and draws an
 * empty chart: these let the spec check catch it as it catches a misspelled encoding field.
 */

/** Keys whose text is a Vega expression (a filter's or a test's may also be an object: only text is parsed). */
export const expressionKeys = ['calculate', 'filter', 'expr', 'test'];

/** A Vega expression's AST node, as far as this walk reads it. */
interface Node {
  type?: string;
  computed?: boolean;
  object?: Node;
  property?: Node & { name?: string; value?: unknown };
  [key: string]: unknown;
}

/** The fields of `datum` an expression reads, in order, each once; none when it cannot be parsed (reported elsewhere). */
export function datumFields(expr: string): string[] {
  let ast: unknown;
  try {
    ast = parseExpression(expr);
  } catch {
    return [];
  }
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'MemberExpression' && n.object?.type === 'Identifier' && n.object.name === 'datum') {
      const p = n.property;
      const name = n.computed ? (p?.type === 'Literal' ? p.value : undefined) : p?.name;
      if (typeof name === 'string') found.add(name);
      else walk(p);
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'type') walk(v);
  };
  walk(ast);
  return [...found];
}

/** Fields a transform makes when it names none (`as` not given). */
const defaultAs: Record<string, string[]> = {
  fold: ['key', 'value'],
  density: ['value', 'density'],
  quantile: ['prob', 'value'],
};

/**
 * The fields a spec's transforms make, wherever they are: `as` (or the defaults of fold, density and
 * quantile), aggregates' and windows' `as`, a lookup's `from.fields`, and a pivot's columns — the values of the
 * pivoted column (`values` gives them).
 */
export function derivedFields(spec: unknown, values: (column: string) => string[] = () => []): Set<string> {
  const derived = new Set<string>();
  const add = (as: unknown) => {
    if (typeof as === 'string') derived.add(as);
    if (Array.isArray(as)) as.forEach((a) => typeof a === 'string' && derived.add(a));
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o.transform)) {
      for (const t of o.transform as Record<string, unknown>[]) {
        if (!t || typeof t !== 'object') continue;
        add(t.as);
        for (const [k, fields] of Object.entries(defaultAs)) if (k in t && t.as === undefined) add(fields);
        if (typeof t.pivot === 'string') add(values(t.pivot));
        add((t.from as { fields?: unknown } | undefined)?.fields);
        for (const k of ['aggregate', 'window', 'joinaggregate'])
          if (Array.isArray(t[k])) for (const a of t[k] as { as?: unknown }[]) add(a?.as);
      }
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(spec);
  return derived;
}

/** A field an expression or a transform reads, at its path in the spec (the expression's, or the `field`'s). */
export interface FieldUse {
  field: string;
  path: (string | number)[];
  /** The expression it is read in, if any. */
  expr?: string;
}

/**
 * Every field read by an expression anywhere in the spec, and by the field predicates of its filters and
 * conditions' tests (`{"filter": {"field": "year", "gt": 2000}}`, also inside and/or/not).
 */
export function fieldUses(spec: unknown): FieldUse[] {
  const uses: FieldUse[] = [];
  const predicate = (p: unknown, at: (string | number)[]): void => {
    if (typeof p === 'string') return datumFields(p).forEach((field) => uses.push({ field, path: at, expr: p }));
    if (Array.isArray(p)) return p.forEach((q, i) => predicate(q, [...at, i]));
    if (!p || typeof p !== 'object') return;
    const o = p as Record<string, unknown>;
    if (typeof o.field === 'string') uses.push({ field: o.field, path: [...at, 'field'] });
    for (const k of ['and', 'or', 'not']) if (k in o) predicate(o[k], [...at, k]);
  };
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const where = [...at, Array.isArray(node) ? Number(k) : k];
      if (typeof v === 'string' && expressionKeys.includes(k)) predicate(v, where);
      else if ((k === 'filter' || k === 'test') && v && typeof v === 'object' && !Array.isArray(v)) predicate(v, where);
      else walk(v, where);
    }
  };
  walk(spec, []);
  return uses;
}
