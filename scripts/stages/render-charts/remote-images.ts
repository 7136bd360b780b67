import type { Dataset } from '../../model/data.js';
import type { SpecProblem } from './chart-spec.js';

/*
 * An image mark loads its pictures from the URLs its spec gives (the mark's `url`, the `url` channel's value)
 * or its data holds (the `url` channel's field). The build never fetches from the network: a remote one is
 * refused here, at its place in the spec, before the chart is drawn (the printed page would refuse it
 * later, naming only the page).
 */

/** A URL that would be fetched from another host: `//host/…` or any scheme but data:. */
export function isRemote(url: string): boolean {
  const u = url.trim();
  return u.startsWith('//') || (/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^data:/i.test(u));
}

/** The first remote image URL of a spec (or of the dataset column its `url` channel reads), at its place. */
export function checkImageUrls(spec: Record<string, unknown>, ds: Dataset): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const refuse = (url: string, path: (string | number)[]) =>
    problems.push({ rule: 'remote-resource', args: [url], path });
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      const where = [...at, Array.isArray(node) ? Number(k) : k];
      if (k === 'data' || k === 'usermeta') continue; // (a data URL is checkData's; usermeta is never read)
      if (k === 'url' && typeof v === 'string' && isRemote(v)) refuse(v, where);
      else if (k === 'url' && at.at(-1) === 'encoding') channel(v, where);
      else walk(v, where);
    }
  };
  const channel = (def: unknown, at: (string | number)[]): void => {
    if (!def || typeof def !== 'object') return;
    const d = def as { value?: unknown; field?: unknown; condition?: unknown };
    if (typeof d.value === 'string' && isRemote(d.value)) refuse(d.value, [...at, 'value']);
    if (typeof d.field === 'string') {
      const url = ds.rows.map((r) => r.values[d.field as string]).find((v) => typeof v === 'string' && isRemote(v));
      if (typeof url === 'string') refuse(url, [...at, 'field']);
    }
    channel(d.condition, [...at, 'condition']);
  };
  walk(spec, []);
  return problems.slice(0, 1);
}
