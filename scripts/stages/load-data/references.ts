import path from 'node:path';
import type { BuildContext } from '../../context.js';
import type { CslItem, References } from '../../model/references.js';

type CiteClass = typeof import('@citation-js/core').Cite;
import { readText } from '../../sources/files.js';
import { jsonPlace, parseJson } from '../../sources/json.js';
import { lineCol } from '../../sources/positions.js';

/**
 * The report's bibliography: data/references.json (CSL-JSON, an array of items with `id` and `type`) or
 * data/references.bib (BibTeX, read into CSL-JSON by citation-js). Undefined when there is neither; both is
 * an error (one bibliography). A malformed entry is reported at its line.
 */
export async function loadReferences(
  ctx: BuildContext,
  dataDir: string,
  names: string[],
): Promise<References | undefined> {
  const found = ['references.json', 'references.bib'].filter((n) => names.includes(n));
  if (found.length > 1)
    ctx.diagnostics.report('references-file', { file: 'data/references.bib' }, [
      'data/references.json and data/references.bib are both there; a report has one bibliography',
    ]);
  const name = found[0];
  if (!name) return undefined;
  const file = `data/${name}`;
  const text = readText(ctx, path.join(dataDir, name));
  if (text === undefined) return undefined;
  if (name.endsWith('.json')) return fromJson(ctx, text, file);
  // Loaded only for a .bib (a quarter of a second at every start otherwise).
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  return fromBibtex(ctx, text, file, Cite);
}

function fromJson(ctx: BuildContext, text: string, file: string): References | undefined {
  const value = parseJson(ctx, text, file);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    ctx.diagnostics.report('references-file', { file, line: 1, column: 1 }, ['CSL-JSON is an array of references']);
    return undefined;
  }
  const refs: References = { file, items: new Map(), at: new Map() };
  value.forEach((item: unknown, i) => {
    const at = jsonPlace(text, file, [i]);
    const ok = item && typeof item === 'object' && typeof (item as CslItem).id === 'string';
    if (!ok || typeof (item as CslItem).type !== 'string') {
      ctx.diagnostics.report('references-file', at, ['a reference needs an "id" (its citation key) and a "type"']);
      return;
    }
    add(ctx, refs, item as CslItem, at);
  });
  return refs;
}

function fromBibtex(ctx: BuildContext, text: string, file: string, Cite: CiteClass): References | undefined {
  let items: CslItem[];
  try {
    items = new Cite(text, { forceType: '@biblatex/text' }).data as CslItem[];
  } catch (e) {
    const m = /at line (\d+) col (\d+)/.exec(String((e as Error).message));
    const said = String((e as Error).message).split(/ at line|\n/)[0]!;
    const why = /expected "rbrace"/.test(said) ? 'a comma between two fields, or a closing }, is missing' : said;
    const at = m ? { file, line: Number(m[1]), column: Number(m[2]) } : { file, line: 1, column: 1 };
    ctx.diagnostics.report('references-file', at, [`malformed BibTeX entry (${why})`]);
    return undefined;
  }
  const starts = new Map<string, { line: number; column: number }>();
  for (const m of text.matchAll(/@\w+\s*\{\s*([^,\s]+)\s*,/g)) starts.set(m[1]!, lineCol(text, m.index));
  const refs: References = { file, items: new Map(), at: new Map() };
  for (const raw of items) {
    const { _graph: _, ...item } = raw as CslItem & { _graph?: unknown };
    add(ctx, refs, item, { file, ...(starts.get(item.id) ?? { line: 1, column: 1 }) });
  }
  return refs;
}

function add(ctx: BuildContext, refs: References, item: CslItem, at: { file: string; line: number; column: number }) {
  const first = refs.at.get(item.id);
  if (first) ctx.diagnostics.report('duplicate-id', at, [`@${item.id}`, `${first.file}:${first.line}`]);
  refs.items.set(item.id, item);
  refs.at.set(item.id, at);
}
