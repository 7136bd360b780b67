import { diffWords, type ChangeObject } from 'diff';

/**
 * What changed between two versions of a unit's text, word by word. Chinese has no spaces between words:
 * jsdiff's diffWords takes an Intl.Segmenter, which segments Chinese into words by dictionary (ICU).
 */
export interface TextChange {
  parts: ChangeObject<string>[];
  /** Index in the new text of the first change. */
  firstInNew: number;
  /** Index in the old text of the first change. */
  firstInOld: number;
}

export function textChange(before: string, after: string, lang: string): TextChange {
  const parts = diffWords(before, after, { intlSegmenter: new Intl.Segmenter(lang, { granularity: 'word' }) });
  let inNew = 0;
  let inOld = 0;
  let firstInNew = -1;
  let firstInOld = -1;
  for (const p of parts) {
    if ((p.added || p.removed) && firstInNew < 0) {
      firstInNew = inNew;
      firstInOld = inOld;
    }
    if (!p.removed) inNew += p.value.length;
    if (!p.added) inOld += p.value.length;
  }
  return { parts, firstInNew: Math.max(0, firstInNew), firstInOld: Math.max(0, firstInOld) };
}

/** How much of an unchanged run to keep on each side of a change, in characters (Chinese) or words. */
const context = { chars: 14, words: 7 };

function trimmed(value: string, where: 'start' | 'middle' | 'end', lang: string): string {
  const pieces = lang === 'zh' ? [...value] : value.split(/(?<=\s)/);
  const n = lang === 'zh' ? context.chars : context.words;
  const head = () => whole(pieces.slice(0, n).join(''), value, 'head');
  const tail = () => whole(pieces.slice(-n).join(''), value, 'tail');
  // Shortened only when that saves more than a few words.
  if (where === 'start') return pieces.length > n + 4 ? `…${tail()}` : value;
  if (where === 'end') return pieces.length > n + 4 ? `${head()}…` : value;
  return pieces.length > 2 * n + 4 ? `${head()}…${tail()}` : value;
}

/** A cut-off piece of `value`, widened so that it does not split a {{…}} expression. */
function whole(piece: string, value: string, side: 'head' | 'tail'): string {
  if (side === 'head') {
    const open = piece.lastIndexOf('{{');
    if (open < 0 || piece.indexOf('}}', open) >= 0) return piece;
    const close = value.indexOf('}}', open);
    return close < 0 ? piece.slice(0, open) : value.slice(0, close + 2);
  }
  const start = value.length - piece.length;
  const close = piece.indexOf('}}');
  if (close < 0 || piece.lastIndexOf('{{', close) >= 0) return piece;
  const open = value.lastIndexOf('{{', start + close);
  return open < 0 ? piece.slice(close + 2) : value.slice(open);
}

/** The change's parts with long unchanged stretches shortened to a few words around each change. */
export function trimmedParts(
  change: TextChange,
  lang: string,
): { value: string; added?: boolean; removed?: boolean }[] {
  const n = change.parts.length;
  return change.parts.map((p, i) =>
    p.added || p.removed ? p : { value: trimmed(p.value, i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle', lang) },
  );
}

/**
 * The change as two one-line excerpts, old and new, unchanged stretches shortened:
 * `…香港[-本地-]研发…` → `…香港{+本土+}研发…` (removed words marked [-…-], added words {+…+},
 * as wdiff and git do).
 */
export function changeExcerpt(change: TextChange, lang: string): { before: string; after: string } {
  const parts = trimmedParts(change, lang);
  const before = parts
    .filter((p) => !p.added)
    .map((p) => (p.removed ? `[-${p.value}-]` : p.value))
    .join('');
  const after = parts
    .filter((p) => !p.removed)
    .map((p) => (p.added ? `{+${p.value}+}` : p.value))
    .join('');
  return { before, after };
}

/** Similarity of two texts, 0 to 1: the Dice coefficient of their character bigrams. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}

/** The first words of a text, as the sidecar records them to recognise a unit. */
export function beginning(text: string, lang: string): string {
  if (lang === 'zh') return text.length > 24 ? `${text.slice(0, 24)}…` : text;
  const words = text.split(/\s+/);
  return words.length > 10 ? `${words.slice(0, 10).join(' ')}…` : text;
}
