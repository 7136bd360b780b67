import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import type { ReportConfig } from '../../model/config.js';
import type { Chapter } from '../../model/content.js';
import type { ReportData } from '../../model/data.js';
import { figureAnchor, sidecarPath, type Alignment, type ChapterAlignment, type Unit } from '../../model/alignment.js';
import { chapterUnits } from '../../units/extract.js';
import { pacer, turn } from '../../units/pace.js';
import { lineCol } from '../../sources/positions.js';
import { matchChapter } from './match.js';
import { readSidecar } from './sidecar.js';
import { reportChapter, setMismatches } from './report.js';
import { cached, type DevCache } from '../../incremental/dev-cache.js';
import { hashBytes } from '../../incremental/inputs-hash.js';

/**
 * The translation, unit by unit: each translated chapter split into units and paired with the units of its
 * source chapter, using the sidecar beside it (content/<lang>/NN-slug.align.yaml) that records the source
 * text each unit was translated from. Reports every unit whose source changed since (with the change),
 * every unit on one side only, and every pair whose numbers, {{num}}, {{ref}}, notes or links differ.
 */
export async function alignTranslation(
  ctx: BuildContext,
  config: ReportConfig,
  chapters: Record<Lang, Chapter[]>,
  data: ReportData,
  devCache?: DevCache,
): Promise<Alignment> {
  const source = config.sourceLanguage;
  const captions = captionPlaces(ctx, data);
  const alignment: Alignment = { source, translations: [] };
  // A long chapter's pairing gives way to the event loop every 50 ms: a signal is handled within that, not the chapter.
  const tick = pacer({ signal: ctx.signal });
  for (const lang of config.languages) {
    if (lang === source) continue;
    const done: ChapterAlignment[] = [];
    for (const t of chapters[lang] ?? []) {
      // A turn of the event loop before each chapter too (its units are split before they are paired).
      await turn(ctx.signal);
      const s = chapters[source]?.find((c) => c.id === t.id);
      if (!s) continue; // the parity check reports a chapter on one side only
      const sidecar = sidecarPath(t.file);
      // Dev mode keeps each chapter's alignment while what it is made from is the same.
      const sidecarText = () =>
        existsSync(path.join(ctx.root, sidecar)) ? readFileSync(path.join(ctx.root, sidecar), 'utf8') : null;
      const inputs = () => hashBytes(JSON.stringify([s, t, sidecarText(), [...captions]]));
      const ch = await cached(devCache, ctx.diagnostics, `align-translation|${lang}|${t.id}`, inputs, async () => {
        const { records, broken } = readSidecar(ctx, sidecar);
        const zs = withCaptions(chapterUnits(s), source, captions);
        await turn(ctx.signal); // (each chapter's units come from a parse of its own)
        const es = withCaptions(chapterUnits(t), lang, captions);
        const aligned: ChapterAlignment = {
          id: t.id,
          source: { lang: source, file: s.file },
          target: { lang, file: t.file },
          sidecar,
          recorded: records !== undefined,
          pairs: await matchChapter(zs, es, records, lang, tick),
        };
        for (const p of aligned.pairs) setMismatches(p, source, lang);
        const sections = { source: new Set(zs.map((u) => u.section)), target: new Set(es.map((u) => u.section)) };
        if (!broken) reportChapter(ctx, aligned, sections);
        return aligned;
      });
      done.push(ch);
    }
    alignment.translations.push({ lang, chapters: done });
  }
  return alignment;
}

type CaptionPlaces = Map<
  string,
  { text: Record<Lang, string>; file: string; line: Record<Lang, number>; column: Record<Lang, number> }
>;

/** Each figure's and table's caption, and where in data/figures.yaml or data/tables.yaml each language's is written. */
function captionPlaces(ctx: BuildContext, data: ReportData): CaptionPlaces {
  const out: CaptionPlaces = new Map();
  const texts = new Map<string, string>();
  for (const item of [...data.figures.values(), ...data.tables.values()]) {
    const file = item.at.file;
    if (!texts.has(file))
      texts.set(file, existsSync(path.join(ctx.root, file)) ? readFileSync(path.join(ctx.root, file), 'utf8') : '');
    const text = texts.get(file)!;
    const from = text
      .split('\n')
      .slice(0, item.at.line - 1)
      .join('\n').length;
    const line = {} as Record<Lang, number>;
    const column = {} as Record<Lang, number>;
    for (const [l, caption] of Object.entries(item.caption) as [Lang, string][]) {
      const i = text.indexOf(caption, from);
      ({ line: line[l], column: column[l] } = i < 0 ? { line: item.at.line, column: 1 } : lineCol(text, i));
    }
    out.set(item.id, { text: item.caption, file, line, column });
  }
  return out;
}

/** The units of a chapter with the caption of each figure and table it places, right after the placement. */
function withCaptions(units: Unit[], lang: Lang, captions: CaptionPlaces): Unit[] {
  return units.flatMap((u) => {
    const c = u.kind === 'slot' ? captions.get(u.id) : undefined;
    if (!c) return [u];
    const at = { line: c.line[lang], column: c.column[lang] };
    return [
      u,
      {
        id: `${u.id}.caption`,
        kind: 'caption',
        section: u.section,
        text: c.text[lang],
        file: c.file,
        ...at,
        spans: [{ at: 0, ...at }],
        anchor: figureAnchor(u.id),
      },
    ];
  });
}
