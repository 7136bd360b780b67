import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostics } from '../diagnostics/collector.js';

/**
 * Results kept between builds of one long-running process (dev mode): one
 * entry per slot ("load-data", "render-markdown|zh", …), reused while the key —
 * a hash of everything the result was made from — is the same. The problems a
 * result was reported with are reported again when it is reused; a result
 * with errors is never kept.
 */
export type DevCache = Map<string, { key: string; value: unknown; diagnostics: Diagnostic[] }>;

export async function cached<T>(
  devCache: DevCache | undefined,
  diagnostics: Diagnostics,
  slot: string,
  key: () => string,
  compute: () => T | Promise<T>,
  copy: (v: T) => T = (v) => v,
): Promise<T> {
  if (!devCache) return compute();
  const k = key();
  const hit = devCache.get(slot);
  if (hit?.key === k) {
    for (const d of hit.diagnostics) diagnostics.list.push({ ...d });
    return copy(hit.value as T);
  }
  const before = diagnostics.list.length;
  const value = await compute();
  const added = diagnostics.list.slice(before);
  if (added.some((d) => d.severity === 'error')) devCache.delete(slot);
  else devCache.set(slot, { key: k, value: copy(value), diagnostics: added });
  return value;
}
