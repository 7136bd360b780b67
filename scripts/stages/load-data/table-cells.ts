import type { BuildContext } from '../../context.js';
import { jsonPlace } from '../../sources/json.js';

type JsonPath = (string | number)[];
/** A value that would print wrong, and what it would print. */
type Wrong = { path: JsonPath; prints: string };

/**
 * The cells of a literal table's JSON that would print wrong (found by fuzzing: a cell holding an object printed
 * "[object Object]"). Text in two languages, `{ "zh": …, "en": … }` wherever it stands, holds a string or a
 * number in each; the built-in `table-simple` partial prints each header of `columns` and each cell of `rows` as
 * text, so each is one too. Each problem is reported at its line:col in the JSON; false when there was one.
 */
export function checkTableCells(
  ctx: BuildContext,
  data: unknown,
  text: string,
  file: string,
  partial: string,
): boolean {
  const wrong: Wrong[] = [];
  pairsIn(data, [], wrong);
  if (partial === 'table-simple' && data && typeof data === 'object') {
    const { columns, rows } = data as Record<string, unknown>;
    if (Array.isArray(columns)) columns.forEach((c, i) => cellIn(c, ['columns', i], wrong));
    if (Array.isArray(rows))
      rows.forEach((row, r) => Array.isArray(row) && row.forEach((c, i) => cellIn(c, ['rows', r, i], wrong)));
  }
  const seen = new Set<string>();
  for (const { path, prints } of wrong) {
    if (seen.has(JSON.stringify(path))) continue;
    seen.add(JSON.stringify(path));
    const value = valueAt(data, path);
    ctx.diagnostics.report('table-cell', jsonPlace(text, file, path), [
      Array.isArray(value) ? 'a list' : 'an object',
      prints,
    ]);
  }
  return wrong.length === 0;
}

const isText = (v: unknown) => typeof v === 'string' || typeof v === 'number';
const isPair = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && ('zh' in v || 'en' in v);

/** Every zh/en value of a language pair, anywhere in the file, that is not text (a null or a boolean prints as itself). */
function pairsIn(v: unknown, path: JsonPath, wrong: Wrong[]): void {
  if (!v || typeof v !== 'object') return;
  for (const lang of isPair(v) ? ['zh', 'en'] : []) {
    const x = (v as Record<string, unknown>)[lang];
    if (x && typeof x === 'object') wrong.push({ path: [...path, lang], prints: `"${String(x)}"` });
  }
  for (const [k, x] of Object.entries(v)) pairsIn(x, [...path, Array.isArray(v) ? Number(k) : k], wrong);
}

/** A cell table-simple prints: text, or a pair (whose languages pairsIn checks). */
function cellIn(v: unknown, path: JsonPath, wrong: Wrong[]): void {
  if (v && typeof v === 'object' && !isText(v) && !isPair(v))
    wrong.push({ path, prints: 'nothing (it has no "zh" or "en")' });
}

function valueAt(data: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data);
}
