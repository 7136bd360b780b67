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
  const hit = reuse<T>(devCache, diagnostics, slot, k);
  if (hit) return copy(hit.value);
  const before = diagnostics.list.length;
  const value = await compute();
  keep(devCache, diagnostics, slot, k, before, copy(value));
  return value;
}

/** `cached` for a result made synchronously (kept and handed out as it is). */
export function cachedSync<T>(
  devCache: DevCache | undefined,
  diagnostics: Diagnostics,
  slot: string,
  key: () => string,
  compute: () => T,
): T {
  if (!devCache) return compute();
  const k = key();
  const hit = reuse<T>(devCache, diagnostics, slot, k);
  if (hit) return hit.value;
  const before = diagnostics.list.length;
  const value = compute();
  keep(devCache, diagnostics, slot, k, before, value);
  return value;
}

/** The slot's value if it was made from `key`, its problems reported again. */
function reuse<T>(devCache: DevCache, diagnostics: Diagnostics, slot: string, key: string): { value: T } | undefined {
  const hit = devCache.get(slot);
  if (hit?.key !== key) return undefined;
  for (const d of hit.diagnostics) diagnostics.list.push({ ...d });
  return { value: hit.value as T };
}

/** Keep `value` with the problems reported since `before`, unless one is an error. */
function keep(
  devCache: DevCache,
  diagnostics: Diagnostics,
  slot: string,
  key: string,
  before: number,
  value: unknown,
): void {
  const added = diagnostics.list.slice(before);
  if (added.some((d) => d.severity === 'error')) devCache.delete(slot);
  else devCache.set(slot, { key, value, diagnostics: added });
}
