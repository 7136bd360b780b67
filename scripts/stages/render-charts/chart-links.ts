import type { Dataset } from '../../model/data.js';
import { isUnsafeLink } from '../../sources/link-schemes.js';
import type { SpecProblem } from './chart-spec.js';

/*
 * Links in charts. Vega-Lite's `href` (a channel, or a property of a mark) makes each mark a link; the SVG
 * keeps them (<a xlink:href>), so they go through the same scheme allow-list as the chapters' links
 * (sources/link-schemes.ts): a `javascript:` or other unsafe link, written in the spec or held by the
 * column it names, is an [unsafe-link] error at its place in the spec. A link computed by an expression
 * cannot be known before it is drawn: vega-svg.ts leaves out any unsafe one Vega is asked to write.
 */

/** Keys under an `href` whose text is not a link. */
const notLinks = ['type', 'expr', 'test', 'param', 'title', 'format', 'formatType', 'aggregate', 'timeUnit', 'bin'];

/** The values a column (or a labelled column's `<col>_label`) holds in the dataset. */
function columnValues(ds: Dataset, field: string): string[] {
  const col = Object.keys(ds.meta.labels ?? {}).find((c) => field === `${c}_label`);
  if (col) return Object.values(ds.meta.labels![col]!).flatMap((l) => [l.zh, l.en]);
  if (!ds.columns.includes(field)) return [];
  return ds.rows.map((r) => String(r.values[field] ?? ''));
}

/** The first unsafe link of each `href` in a spec: a value written there, or a value of the column it names. */
export function checkLinks(spec: unknown, ds: Dataset): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const unsafe = (url: string, path: (string | number)[]) => problems.push({ rule: 'unsafe-link', args: [url], path });
  const inHref = (node: unknown, at: (string | number)[]): void => {
    if (typeof node === 'string') {
      if (isUnsafeLink(node)) unsafe(node, at);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const where = [...at, Array.isArray(node) ? Number(k) : k];
      if (k === 'field' && typeof v === 'string') {
        const bad = columnValues(ds, v).find(isUnsafeLink);
        if (bad) unsafe(bad, where);
      } else if (!notLinks.includes(k)) inHref(v, where);
    }
  };
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const where = [...at, Array.isArray(node) ? Number(k) : k];
      if (k === 'href') inHref(v, where);
      else if (k !== 'datasets' && k !== 'data') walk(v, where);
    }
  };
  walk(spec, []);
  return problems;
}
