/*
 * A text mark's number with no format of its own: Vega-Lite prints it as d3-format's "" does, never grouping
 * thousands (1369.97 in the English edition, whose numbers are grouped: 1,369.97). Given "," instead — the
 * same precision, thousands grouped as the edition's number locale says (locale/number-style.ts: none in zh).
 * Axes keep their own tick formats.
 */

/** The spec with every quantitative `text` encoding that has no format given ",". */
export function withGroupedLabels<T>(spec: T): T {
  if (Array.isArray(spec)) return spec.map(withGroupedLabels) as T;
  if (!spec || typeof spec !== 'object') return spec;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) out[k] = k === 'encoding' ? encoding(v) : withGroupedLabels(v);
  return out as T;
}

function encoding(enc: unknown): unknown {
  if (!enc || typeof enc !== 'object' || Array.isArray(enc)) return enc;
  const text = (enc as { text?: unknown }).text;
  return text === undefined ? enc : { ...enc, text: grouped(text) };
}

function grouped(def: unknown): unknown {
  if (!def || typeof def !== 'object' || Array.isArray(def)) return def;
  const d = def as Record<string, unknown>;
  const own = d.type === 'quantitative' && d.format === undefined && d.formatType === undefined;
  const condition = d.condition === undefined ? {} : { condition: grouped(d.condition) };
  return { ...d, ...(own ? { format: ',' } : {}), ...condition };
}
