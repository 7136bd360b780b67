import path from 'node:path';
import type { Lang } from '../../context.js';
import type { ChangeSet, RecordedValue, ValueChange, ValueRecord, ValueUse } from '../../model/changes.js';

/**
 * The change set as the terminal shows it, one line per changed value:
 *   sz-rd-2020  1510.81 → 1610.81  (zh 02-status.md:23 p.10, en 02-status.md:23 p.14; figure 7; table —)
 * then added and removed values, changed charts, and the PDF pages that differ.
 */
export function summaryLines(set: ChangeSet, record: ValueRecord, langs: Lang[]): string[] {
  if (!set.compared) return [];
  const lines: string[] = [];
  const width = Math.max(0, ...[...set.changed, ...set.added, ...set.removed].map((c) => c.id.length));
  const where = (c: ValueChange) => {
    const uses = langs
      .map((l) =>
        (c.usesAfter[l]?.length ? c.usesAfter[l]! : (c.usesBefore[l] ?? [])).map((u) => `${l} ${place(u)}`).join(', '),
      )
      .filter(Boolean);
    const figures = c.charts.map((id) => numberOf(record.charts[id]?.n, langs)).filter(Boolean);
    const tables = c.tables.map((id) => numberOf(record.tables[id]?.n, langs)).filter(Boolean);
    return `(${uses.join(', ') || 'not printed in prose'}; figure ${figures.join(', ') || '—'}; table ${tables.join(', ') || '—'})`;
  };
  for (const c of set.changed) {
    const unit = c.before?.unit !== c.after?.unit ? ` (unit ${c.before?.unit} → ${c.after?.unit})` : '';
    lines.push(`${c.id.padEnd(width)}  ${raw(c.before)} → ${raw(c.after)}${unit}  ${where(c)}`);
  }
  for (const c of set.added) lines.push(`${c.id.padEnd(width)}  added: ${raw(c.after)}  ${where(c)}`);
  for (const c of set.removed) lines.push(`${c.id.padEnd(width)}  removed (was ${raw(c.before)})  ${where(c)}`);
  for (const chart of set.charts) {
    const in_ = langs.filter((l) => chart.after[l] !== undefined && chart.after[l] !== chart.before[l]);
    const n = numberOf(record.charts[chart.id]?.n, langs);
    lines.push(`chart ${chart.id}${n ? ` (figure ${n})` : ''} redrawn: ${in_.join(', ')}`);
  }
  for (const lang of langs) {
    const pages = set.pages[lang];
    if (pages?.length) lines.push(`${lang} PDF pages changed: ${ranges(pages)}`);
  }
  return lines;
}

function raw(v: RecordedValue | undefined): string {
  return v ? v.raw : '—';
}

function place(u: ValueUse): string {
  return `${path.basename(u.file)}:${u.line}${u.page ? ` p.${u.page}` : ''}`;
}

function numberOf(n: Partial<Record<Lang, number>> | undefined, langs: Lang[]): string {
  const nums = [...new Set(langs.map((l) => n?.[l]).filter((x) => x !== undefined))];
  return nums.join('/');
}

/** 3, 4, 5, 9 → "3–5, 9". */
export function ranges(pages: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    out.push(i === j ? `${pages[i]}` : `${pages[i]}–${pages[j]}`);
    i = j;
  }
  return out.join(', ');
}

/** Words that make a sentence a claim about size or rank, which a changed number may no longer support. */
const claimWords: Record<Lang, RegExp> = {
  zh: new RegExp(
    [
      '最|超过|超出|高于|低于|多于|少于|不及|增长|增加|上升|提高|下降|减少',
      '回落|领先|落后|第一|首位|居首|之首|位居|排名|排在|仅次于|倍|翻番|翻一番',
    ].join('|'),
  ),
  en: new RegExp(
    `\\b(${[
      'highest|lowest|most|least|largest|smallest|biggest|greatest|fastest|slowest|more than|less than',
      'fewer than|exceed(s|ed)?|above|below|surpass(es|ed)?|ahead|behind|top|first|lead(s|ing)?|rank(s|ed)?',
      'ris(e|es|en)|rose|gr(ew|own|ows?)|increase[sd]?|decrease[sd]?|fell|fallen|declin(e|es|ed)|doubl(e|ed)',
      'times|higher|lower|larger|smaller',
    ].join('|')})\\b`,
    'i',
  ),
};

/** Whether a sentence compares or ranks (the claim may no longer hold once its number changed). */
export function makesClaim(sentence: string, lang: Lang): boolean {
  // eslint-disable-next-line no-control-regex -- \u0001 and \u0002 are the markers around the value (sentences.ts)
  return claimWords[lang].test(sentence.replace(/\u0001[^\u0002]*\u0002/g, ' '));
}
