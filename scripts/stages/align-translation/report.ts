import type { BuildContext, Lang } from '../../context.js';
import type { ChapterAlignment, Mismatch, Unit, UnitKind, UnitPair } from '../../model/alignment.js';
import { lastLineOf, positionOf } from '../../units/extract.js';
import { beginning, changeExcerpt, textChange } from '../../units/text-diff.js';
import { expressionsOf, unmatchedNumbers } from '../../units/numbers.js';

export const kindNames: Record<UnitKind, string> = {
  heading: 'heading',
  paragraph: 'paragraph',
  item: 'list item',
  cell: 'table cell',
  caption: 'caption',
  note: 'note',
  slot: 'placement',
};
export const languageNames: Record<Lang, string> = { zh: 'Chinese', en: 'English' };

/** What one side of a pair has and the other lacks: {{num}}, {{ref}}, notes, links, numbers in digits. */
export function pairMismatches(source: Unit, target: Unit): Mismatch[] {
  const out: Mismatch[] = [];
  const one = (side: 'source' | 'target', a: Unit, b: Unit) => {
    const theirs = new Set(expressionsOf(b.text).map((x) => x.what));
    const seen = new Set<string>();
    for (const x of expressionsOf(a.text)) {
      if (theirs.has(x.what) || seen.has(x.what)) continue;
      seen.add(x.what);
      out.push({ what: x.what, side, index: x.index });
    }
    for (const t of unmatchedNumbers(a.text, b.text)) out.push({ what: t.raw, side, index: t.index });
  };
  one('source', source, target);
  one('target', target, source);
  return out;
}

/** A difference as the check lists it and the sidecar records it: `https://example.org/en/ only in the English`. */
export function describeMismatch(m: Mismatch, source: Lang, target: Lang): string {
  return `${m.what} only in the ${languageNames[m.side === 'source' ? source : target]}`;
}

/**
 * The pair's differences, unless the sidecar records them as meant: while they are exactly the ones recorded
 * (`differs`), they move to `intended` and none is reported; any other (one added, changed or gone) and all are.
 */
export function setMismatches(p: UnitPair, source: Lang, target: Lang): void {
  if (!p.source || !p.target || p.status === 'stale') return;
  const found = pairMismatches(p.source, p.target);
  const meant = p.record?.differs;
  const listed = found.map((m) => describeMismatch(m, source, target));
  if (found.length && meant && listed.length === meant.length && listed.every((d) => meant.includes(d))) {
    p.intended = found;
    p.mismatches = [];
  } else p.mismatches = found;
}

const at = (u: Unit, index = 0) => ({ file: u.file, ...positionOf(u, index) });
const place = (u: Unit) => `${u.file}:${u.line}`;

/**
 * The chapter's findings as catalogue lines: one per unit out of step, one per pair that disagrees (a stale
 * pair has no mismatches: its one report says what changed).
 */
export function reportChapter(
  ctx: BuildContext,
  ch: ChapterAlignment,
  sections: { source: Set<string>; target: Set<string> },
): void {
  const src = languageNames[ch.source.lang];
  const tgt = languageNames[ch.target.lang];
  const accept = (target: string) => `npm run check -- --accept ${target}`;
  if (!ch.recorded) {
    ctx.diagnostics.report(
      'no-alignment',
      { file: ch.target.file, line: 1, column: 1 },
      [src, ch.sidecar],
      [accept(ch.target.file)],
    );
  }
  ch.pairs.forEach((p, i) => {
    const { source: z, target: e } = p;
    if (p.status === 'stale' && z && e) {
      const change = textChange(p.record!.source!, z.text, ch.source.lang);
      const { before, after } = changeExcerpt(change, ch.source.lang);
      ctx.diagnostics.report(
        'stale-translation',
        at(z, change.firstInNew),
        [place(e), before, after],
        [place(e), accept(place(e))],
      );
    } else if (p.status === 'untranslated' && z && !isKeyed(z) && sections.target.has(z.section)) {
      const before = ch.pairs
        .slice(0, i)
        .reverse()
        .find((q) => q.target?.file === ch.target.file)?.target;
      const next = ch.pairs.slice(i + 1).find((q) => q.target?.file === ch.target.file)?.target;
      const where = before
        ? `after ${before.file}:${lastLineOf(before)}`
        : next
          ? `before ${place(next)}`
          : `in ${ch.target.file}`;
      ctx.diagnostics.report(
        'untranslated-unit',
        at(z),
        [kindNames[z.kind], tgt, beginning(z.text, ch.source.lang)],
        [where, accept(`${ch.target.file}:LINE`)],
      );
    } else if (p.status === 'orphan' && e && !isKeyed(e) && sections.source.has(e.section)) {
      const was =
        p.record?.source !== undefined
          ? `translates ${src} text that is no longer in ${ch.source.file}: “${beginning(p.record.source, ch.source.lang)}”`
          : `has no ${src} counterpart`;
      ctx.diagnostics.report('orphan-translation', at(e), [kindNames[e.kind], was], [accept(ch.target.file)]);
    } else if (p.status === 'unrecorded' && ch.recorded && z && e) {
      ctx.diagnostics.report('unrecorded-translation', at(e), [kindNames[e.kind], src, place(z)], [accept(place(e))]);
    }
    if (z && e && p.mismatches.length) {
      const first = p.mismatches.find((m) => m.side === 'target');
      const list = p.mismatches.map((m) => describeMismatch(m, ch.source.lang, ch.target.lang)).join('; ');
      ctx.diagnostics.report(
        'pair-mismatch',
        at(e, first?.index ?? 0),
        [kindNames[e.kind], src, place(z), list],
        [accept(place(e))],
      );
    }
  });
}

const isKeyed = (u: Unit) => u.kind === 'heading' || u.kind === 'note' || u.kind === 'slot' || u.kind === 'caption';
