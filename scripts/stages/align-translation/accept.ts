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
import { describeMismatch, kindNames, languageNames, pairMismatches } from './report.js';

/** The findings that mean the translation is out of step: `npm run check` fails on them. */
export const outOfStepRules: Rule[] = [
  'stale-translation',
  'untranslated-unit',
  'orphan-translation',
  'unrecorded-translation',
  'pair-mismatch',
];

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

const covers = (u: Unit | undefined, file: string, line: number) =>
  u !== undefined && u.file === file && u.line <= line && line <= lastLineOf(u);

/**
 * Record the current source text as what the named translated units were translated from (after the
 * translator revised them): a file:line names the unit at that line (of the translation, its source, or
 * data/figures.yaml for a caption); a file alone names every unit of the chapter. Returns the sidecars'
 * new text; nothing is written when a target names nothing that can be recorded.
 */
export function acceptUnits(
  alignment: Alignment,
  targets: AcceptTarget[],
): { writes: { file: string; text: string }[]; recorded: number; problems: Diagnostic[] } {
  const choice: Choice = {
    chosen: new Set<UnitPair>(),
    atLine: new Set<UnitPair>(),
    touched: new Set<ChapterAlignment>(),
    problems: new Diagnostics(),
  };
  const chapters = alignment.translations.flatMap((t) => t.chapters);
  for (const t of targets) chooseTarget(choice, chapters, t);
  if (choice.problems.list.length) return { writes: [], recorded: 0, problems: choice.problems.list };
  let recorded = 0;
  const writes = [...choice.touched].map((ch) => {
    const sidecar = sidecarRecords(ch, choice);
    recorded += sidecar.recorded;
    return { file: ch.sidecar, text: writeSidecar(ch.target.file, ch.source.file, sidecar.records) };
  });
  return { writes, recorded, problems: [] };
}

/** The pairs the targets name, the chapters they belong to, and the targets that name nothing recordable. */
interface Choice {
  chosen: Set<UnitPair>;
  /** The pairs named by a line: their differences are recorded as meant. */
  atLine: Set<UnitPair>;
  touched: Set<ChapterAlignment>;
  problems: Diagnostics;
}

/** Adds to the choice what one target names: a whole chapter, or the units at a line. */
function chooseTarget(choice: Choice, chapters: ChapterAlignment[], t: AcceptTarget): void {
  const mine = chapters.filter(
    (ch) =>
      [ch.target.file, ch.source.file, ch.sidecar].includes(t.file) ||
      ch.pairs.some((p) => p.target?.file === t.file || p.source?.file === t.file),
  );
  if (!mine.length) {
    choice.problems.report(
      'accept-target',
      { file: t.file, line: t.line, column: t.line ? 1 : undefined },
      [`"${t.file}" is not a chapter of the report`],
      ['name a chapter as the messages do: content/<lang>/NN-slug.md[:LINE]'],
    );
  } else if (t.line === undefined) chooseChapters(choice, mine, t.file);
  else chooseAtLine(choice, mine, t.file, t.line);
}

/** A file alone: every translated pair of the chapters it belongs to. */
function chooseChapters(choice: Choice, mine: ChapterAlignment[], file: string): void {
  for (const ch of mine) {
    choice.touched.add(ch);
    for (const p of ch.pairs)
      if (
        p.source &&
        p.target &&
        (ch.target.file === file || ch.source.file === file || ch.sidecar === file || p.target.file === file)
      )
        choice.chosen.add(p);
  }
}

/** A file:line: the pairs whose source or translation covers the line; one with a side missing is a problem. */
function chooseAtLine(choice: Choice, mine: ChapterAlignment[], file: string, line: number): void {
  const { problems } = choice;
  const hits = mine.flatMap((ch) =>
    ch.pairs.filter((p) => covers(p.target, file, line) || covers(p.source, file, line)).map((p) => [ch, p] as const),
  );
  const at = { file, line, column: 1 };
  if (!hits.length)
    problems.report(
      'accept-target',
      at,
      [`No heading, paragraph, list item, table cell, note or caption at line ${line}`],
      ['name a line of the unit, as the messages do'],
    );
  for (const [ch, p] of hits) {
    const unit = (p.target ?? p.source)!;
    if (p.source && p.target) {
      choice.chosen.add(p);
      choice.atLine.add(p);
      choice.touched.add(ch);
    } else if (p.target) {
      problems.report(
        'accept-target',
        at,
        [
          `This ${kindNames[unit.kind]} has no ${languageNames[ch.source.lang]} counterpart: there is no source text to record`,
        ],
        [`delete it, or add its source in ${ch.source.file}`],
      );
    } else {
      problems.report(
        'accept-target',
        at,
        [`This ${kindNames[unit.kind]} has no ${languageNames[ch.target.lang]} translation yet`],
        [`translate it in ${ch.target.file}, then name the translation's line`],
      );
    }
  }
}

/**
 * A chapter's sidecar records: the chosen pairs' current source, the others' records kept; a pair named by its line
 * also gets its differences recorded as meant (none: the entry has no `differs`), one chosen with its chapter keeps
 * those recorded. `recorded` counts the chosen pairs that were not up to date.
 */
function sidecarRecords(ch: ChapterAlignment, choice: Choice): { records: UnitRecord[]; recorded: number } {
  const records: UnitRecord[] = [];
  let recorded = 0;
  for (const p of ch.pairs) {
    const e = p.target;
    if (!e || e.kind === 'slot') continue;
    const begins = beginning(e.text, ch.target.lang as Lang);
    if (choice.chosen.has(p)) {
      const differs = choice.atLine.has(p) ? meant(ch, p) : p.record?.differs;
      if (p.status !== 'ok' || JSON.stringify(differs) !== JSON.stringify(p.record?.differs)) recorded++;
      records.push({ unit: e.id, begins, from: p.source!.id, source: p.source!.text, differs });
    } else if (p.record)
      records.push({
        unit: e.id,
        begins,
        from: p.source?.id ?? p.record.from,
        source: p.record.source,
        differs: p.record.differs,
      });
  }
  return { records, recorded };
}

/** A pair's differences now, as the sidecar records them; undefined when it has none. */
function meant(ch: ChapterAlignment, p: UnitPair): string[] | undefined {
  const list = pairMismatches(p.source!, p.target!).map((m) => describeMismatch(m, ch.source.lang, ch.target.lang));
  return list.length ? list : undefined;
}
