import path from 'node:path';
import type { BuildContext, Lang } from '../context.js';
import type { ReportConfig } from '../model/config.js';
import type { Chapter } from '../model/content.js';
import type { RenderedEdition } from '../model/edition.js';
import type { ReportData } from '../model/data.js';

interface Item {
  key: string;
  what: string;
  file: string;
  line: number;
  column: number;
}

/**
 * The editions must carry the same chapters, sections, figures, tables, notes
 * and data references. Each difference is reported where the item stands in
 * the edition that has it. (Whether each unit of the translation is in step
 * with its source is the align-translation stage's.) Every declared figure and
 * table must be placed, and every reference of the bibliography cited.
 */
export function checkParity(
  ctx: BuildContext,
  config: ReportConfig,
  chapters: Record<Lang, Chapter[]>,
  rendered: Record<Lang, RenderedEdition>,
  data: ReportData,
): void {
  const source = config.sourceLanguage;
  for (const lang of config.languages) {
    if (lang === source) continue;
    compare(ctx, source, lang, items(chapters[source], rendered[source]), items(chapters[lang], rendered[lang]));
    compare(ctx, lang, source, items(chapters[lang], rendered[lang]), items(chapters[source], rendered[source]), true);
    checkOrder(ctx, source, lang, rendered);
  }
  reportPlacement(ctx, data, rendered, config.languages);
  reportUncited(ctx, data, rendered, config.languages);
}

function items(chapters: Chapter[], ed: RenderedEdition | undefined): Item[] {
  const out: Item[] = chapters.map((c) => ({
    key: `chapter:${c.id}`,
    what: `chapter "${c.id}"`,
    file: c.file,
    line: 1,
    column: 1,
  }));
  if (!ed) return out;
  for (const c of ed.chapters)
    for (const h of c.headings)
      out.push({ key: `section:${h.id}`, what: `section {#${h.id}}`, file: h.file, line: h.line, column: 1 });
  for (const u of ed.state.placed)
    out.push({ key: `${u.kind}:${u.id}`, what: `${u.kind} "${u.id}"`, file: u.file, line: u.line, column: u.column });
  for (const n of ed.notes.defined.filter((d) => !d.id.startsWith('cite-')))
    out.push({ key: `note:${n.id}`, what: `note [^${n.id}]`, file: n.file, line: n.line, column: n.column });
  for (const c of ed.citations) {
    const chapter = path.basename(c.file);
    const { file, line, column } = c;
    out.push({ key: `cite:${chapter}:${c.key}`, what: `citation of "@${c.key}" in ${chapter}`, file, line, column });
  }
  for (const u of ed.state.used)
    out.push({
      key: `${u.kind}:${u.id}`,
      what: u.kind === 'value' ? `data reference {{num "${u.id}"}}` : `reference {{ref "${u.id}"}}`,
      file: u.file,
      line: u.line,
      column: u.column,
    });
  return out;
}

const names: Record<Lang, string> = { zh: 'Chinese', en: 'English' };

function compare(ctx: BuildContext, from: Lang, to: Lang, a: Item[], b: Item[], extra = false): void {
  const keys = new Set(b.map((i) => i.key));
  const seen = new Set<string>();
  // A chapter missing as a whole is one difference, not one per section, figure and note in it.
  const wholeChapterMissing = new Set(
    a.filter((i) => i.key.startsWith('chapter:') && !keys.has(i.key)).map((i) => i.file),
  );
  for (const item of a) {
    if (keys.has(item.key) || seen.has(item.key)) continue;
    if (!item.key.startsWith('chapter:') && wholeChapterMissing.has(item.file)) continue;
    seen.add(item.key);
    const verb = extra
      ? `is only in the ${names[from]} edition (not in the ${names[to]})`
      : `has no counterpart in the ${names[to]} edition`;
    ctx.diagnostics.report(
      'parity',
      item,
      [`The ${item.what} ${verb}`],
      [extra ? `add it to the ${names[to]} edition or remove it here` : `add it to the ${names[to]} edition`],
    );
  }
}

/** Same figures/tables in the same order, so that numbers match across editions. */
function checkOrder(ctx: BuildContext, source: Lang, lang: Lang, rendered: Record<Lang, RenderedEdition>): void {
  const a = rendered[source]?.state.placed.map((u) => u.id) ?? [];
  const bPlaced = rendered[lang]?.state.placed ?? [];
  const b = bPlaced.map((u) => u.id);
  const common = a.filter((id) => b.includes(id));
  const commonB = b.filter((id) => a.includes(id));
  const i = common.findIndex((id, k) => commonB[k] !== id);
  if (i >= 0) {
    const u = bPlaced.find((p) => p.id === commonB[i])!;
    ctx.diagnostics.report(
      'parity',
      u,
      [`"${u.id}" is placed in a different order than in the ${names[source]} edition, so its number would differ`],
      ['place figures and tables in the same order in both editions'],
    );
  }
}

function reportPlacement(
  ctx: BuildContext,
  data: ReportData,
  rendered: Record<Lang, RenderedEdition>,
  langs: Lang[],
): void {
  const first = rendered[langs[0]!];
  if (!first) return;
  for (const id of [...data.figures.keys(), ...data.tables.keys()]) {
    if (!first.state.placed.some((u) => u.id === id)) {
      const at = data.figures.get(id)?.at ?? data.tables.get(id)!.at;
      ctx.diagnostics.report('figure-not-placed', at, [id]);
    }
  }
}

/** A reference of data/references.* that no edition cites: a warning at its entry. */
function reportUncited(ctx: BuildContext, data: ReportData, rendered: Record<Lang, RenderedEdition>, langs: Lang[]) {
  if (!data.references) return;
  const cited = new Set(langs.flatMap((l) => rendered[l]?.citations.map((c) => c.key) ?? []));
  for (const [key, at] of data.references.at)
    if (!cited.has(key)) ctx.diagnostics.report('uncited-reference', at, [key]);
}
