import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Lang } from '../../context.js';
import type { Diagnostic } from '../../diagnostics/catalogue.js';
import { Diagnostics } from '../../diagnostics/collector.js';
import type { Alignment, ChapterAlignment, Unit, UnitPair, UnitRecord } from '../../model/alignment.js';
import type { Rule } from '../../diagnostics/catalogue.js';
import { lastLineOf } from '../../units/extract.js';
import { beginning } from '../../units/text-diff.js';
import { writeSidecar } from './sidecar.js';
import { kindNames, languageNames } from './report.js';

/** The findings that mean the translation is out of step: `npm run check` fails on them. */
export const outOfStepRules: Rule[] = ['stale-translation', 'untranslated-unit', 'orphan-translation', 'unrecorded-translation', 'pair-mismatch'];

export interface AcceptTarget {
  /** Relative to the report root. */
  file: string;
  line?: number;
}

/** `content/en/02-status.md:14` (a trailing `:column`, as messages print places, is ignored). */
export function parseAcceptTarget(arg: string, root: string, cwd: string): AcceptTarget {
  const m = /^(.*?)(?::(\d+))?(?::\d+)?$/.exec(arg)!;
  const abs = path.resolve(cwd, m[1]!);
  const inRoot = path.relative(root, abs);
  const file = existsSync(abs) && !inRoot.startsWith('..') ? inRoot : m[1]!;
  return { file: file.split(path.sep).join('/'), line: m[2] ? Number(m[2]) : undefined };
}

const covers = (u: Unit | undefined, file: string, line: number) => u !== undefined && u.file === file && u.line <= line && line <= lastLineOf(u);

/**
 * Record the current source text as what the named translated units were translated from (after the
 * translator revised them): a file:line names the unit at that line (of the translation, its source, or
 * data/figures.yaml for a caption); a file alone names every unit of the chapter. Returns the sidecars'
 * new text; nothing is written when a target names nothing that can be recorded.
 */
export function acceptUnits(alignment: Alignment, targets: AcceptTarget[]): { writes: { file: string; text: string }[]; recorded: number; problems: Diagnostic[] } {
  const problems = new Diagnostics();
  const chosen = new Set<UnitPair>();
  const touched = new Set<ChapterAlignment>();
  const chapters = alignment.translations.flatMap((t) => t.chapters);
  for (const t of targets) {
    const mine = chapters.filter((ch) => [ch.target.file, ch.source.file, ch.sidecar].includes(t.file) || ch.pairs.some((p) => p.target?.file === t.file || p.source?.file === t.file));
    if (!mine.length) {
      problems.report('accept-target', { file: t.file, line: t.line, column: t.line ? 1 : undefined }, [`"${t.file}" is not a chapter of the report`], ['name a chapter as the messages do: content/<lang>/NN-slug.md[:LINE]']);
      continue;
    }
    if (t.line === undefined) {
      for (const ch of mine) {
        touched.add(ch);
        for (const p of ch.pairs) if (p.source && p.target && (ch.target.file === t.file || ch.source.file === t.file || ch.sidecar === t.file || p.target.file === t.file)) chosen.add(p);
      }
      continue;
    }
    const hits = mine.flatMap((ch) => ch.pairs.filter((p) => covers(p.target, t.file, t.line!) || covers(p.source, t.file, t.line!)).map((p) => [ch, p] as const));
    const at = { file: t.file, line: t.line, column: 1 };
    if (!hits.length) problems.report('accept-target', at, [`No heading, paragraph, list item, table cell, note or caption at line ${t.line}`], ['name a line of the unit, as the messages do']);
    for (const [ch, p] of hits) {
      const unit = (p.target ?? p.source)!;
      if (p.source && p.target) {
        chosen.add(p);
        touched.add(ch);
      } else if (p.target) {
        problems.report('accept-target', at, [`This ${kindNames[unit.kind]} has no ${languageNames[ch.source.lang]} counterpart: there is no source text to record`], [`delete it, or add its source in ${ch.source.file}`]);
      } else {
        problems.report('accept-target', at, [`This ${kindNames[unit.kind]} has no ${languageNames[ch.target.lang]} translation yet`], [`translate it in ${ch.target.file}, then name the translation's line`]);
      }
    }
  }
  if (problems.list.length) return { writes: [], recorded: 0, problems: problems.list };
  let recorded = 0;
  const writes = [...touched].map((ch) => {
    const records: UnitRecord[] = [];
    for (const p of ch.pairs) {
      const e = p.target;
      if (!e || e.kind === 'slot') continue;
      const begins = beginning(e.text, ch.target.lang as Lang);
      if (chosen.has(p)) {
        if (p.status !== 'ok') recorded++;
        records.push({ unit: e.id, begins, from: p.source!.id, source: p.source!.text });
      } else if (p.record) records.push({ unit: e.id, begins, from: p.source?.id ?? p.record.from, source: p.record.source });
    }
    return { file: ch.sidecar, text: writeSidecar(ch.target.file, ch.source.file, records) };
  });
  return { writes, recorded, problems: [] };
}
