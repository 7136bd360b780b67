import { refText } from '../../locale/ref-list.js';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { ReportData } from '../../model/data.js';
import type { RenderedEdition } from '../../model/edition.js';
import type { ValueRecord, ValueUse } from '../../model/changes.js';
import { formatBare, formatValue, isUnit } from '../../locale/units.js';
import { sentenceAt } from './sentences.js';

export interface RecordInput {
  langs: Lang[];
  data: ReportData;
  chapters: Partial<Record<Lang, Chapter[]>>;
  rendered: Partial<Record<Lang, RenderedEdition>>;
  /** `${lang}|${figureId}` → the SVG the edition shows (absent: not drawn, e.g. `changes --since`). */
  svgs?: Map<string, string>;
}

/**
 * Stage: what this build printed from data — every bound value with its text
 * per edition, every place a chapter prints it (file:line, section, sentence),
 * the charts and tables drawn from each dataset. The PDF pages are added by
 * placeOnPages when a comparison needs them. Kept in the build record, so the
 * next build can say what changed.
 */
export function recordValues(ctx: BuildContext, input: RecordInput): ValueRecord {
  const { data } = input;
  const record: ValueRecord = { values: {}, uses: {}, charts: {}, tables: {} };
  for (const v of data.values.values()) {
    const text: Partial<Record<Lang, string>> = {};
    for (const lang of input.langs) text[lang] = isUnit(v.unit) ? formatValue(v.raw, v.unit, lang) : v.raw;
    record.values[v.id] = { raw: v.raw, unit: v.unit, dataset: v.dataset, file: v.file, line: v.line, text };
  }
  for (const lang of input.langs) {
    const edition = input.rendered[lang];
    if (!edition) continue;
    const byFile = new Map((input.chapters[lang] ?? []).map((c) => [c.file, c]));
    const headings = edition.chapters.flatMap((c) => c.headings);
    const print = {
      value: (id: string, bare: boolean) => {
        const v = data.values.get(id);
        if (!v) return undefined;
        return bare ? formatBare(v.raw, lang) : formatValue(v.raw, v.unit, lang);
      },
      ref: (ids: string[]) => {
        const items = ids.map((id) => ({ id, n: edition.state.numbers.get(id) }));
        if (items.some((i) => i.n === undefined)) return undefined;
        return refText(items as { id: string; n: number }[], edition.state.strings);
      },
    };
    const uses: ValueUse[] = [];
    const lines = new Map<string, string[]>(); // (each chapter's body split once)
    for (const u of edition.state.used) {
      if (u.kind !== 'value') continue;
      const chapter = byFile.get(u.file);
      const section = headings.filter((h) => h.file === u.file && h.line <= u.line).pop()?.id ?? '';
      if (chapter && !lines.has(u.file)) lines.set(u.file, chapter.body.split('\n'));
      const sentence = chapter ? sentenceAt(lines.get(u.file)!, chapter.bodyLine, u.line, u.column, print) : '';
      uses.push({ id: u.id, file: u.file, line: u.line, section, sentence });
    }
    record.uses[lang] = uses;
  }
  const svgDir = path.join(ctx.cacheDir, 'changes', 'svg');
  for (const fig of data.figures.values()) {
    if (!fig.dataset || !fig.spec) continue;
    const label: Partial<Record<Lang, string>> = {};
    const num: Partial<Record<Lang, number>> = {};
    const svg: Partial<Record<Lang, string>> = {};
    for (const lang of input.langs) {
      const edition = input.rendered[lang];
      const n = edition?.state.numbers.get(fig.id);
      if (!edition || n === undefined) continue;
      num[lang] = n;
      label[lang] = `${edition.state.strings.figure}${edition.state.strings.numberSpace}${n} ${fig.caption[lang]}`;
      const markup = input.svgs?.get(`${lang}|${fig.id}`);
      if (markup === undefined) continue;
      const hash = createHash('sha256').update(markup).digest('hex').slice(0, 24);
      svg[lang] = hash;
      const file = path.join(svgDir, `${hash}.svg`);
      if (!existsSync(file)) {
        // (renamed into place: another build of the report that finds the file reads it whole)
        mkdirSync(svgDir, { recursive: true });
        writeFileSync(`${file}.${process.pid}.tmp`, markup);
        renameSync(`${file}.${process.pid}.tmp`, file);
      }
    }
    record.charts[fig.id] = { dataset: fig.dataset, n: num, label, svg };
  }
  for (const table of data.tables.values()) {
    const dataset = table.binding?.dataset;
    if (dataset === undefined) continue;
    const label: Partial<Record<Lang, string>> = {};
    const num: Partial<Record<Lang, number>> = {};
    for (const lang of input.langs) {
      const edition = input.rendered[lang];
      const n = edition?.state.numbers.get(table.id);
      if (edition && n !== undefined) num[lang] = n;
      if (edition && n !== undefined)
        label[lang] = `${edition.state.strings.table}${edition.state.strings.numberSpace}${n} ${table.caption[lang]}`;
    }
    record.tables[table.id] = { dataset, rows: table.binding!.rows.map((r) => r.line), n: num, label };
  }
  return record;
}
