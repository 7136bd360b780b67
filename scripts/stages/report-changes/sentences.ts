/**
 * The sentence around a bound value, as the edition prints it: the source
 * paragraph of the {{num}}, with every placeholder replaced by what it prints
 * (values, figure and table references), Markdown marks and note markers
 * dropped, cut to the sentence that holds the value. The value itself is set
 * between \u0001 and \u0002 so that a report can mark it.
 */

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export interface Printer {
  /** What {{num "id"}} prints (undefined: an unknown id, printed as-is). */
  value: (id: string, bare: boolean) => string | undefined;
  /** What {{ref "id"}} (or {{ref "id" "id2"}}) prints. */
  ref: (ids: string[]) => string | undefined;
}

const token =
  /\{\{\s*(num|ref|figure|table)\s+"([^"]*)"[^}]*\}\}|\{\{[^}]*\}\}|\[\^[^\]]+\]|!?\[([^\]]*)\]\([^)]*\)|\*\*|__|[*_`]/g;

/**
 * The sentence holding the {{num}} that starts at `line`:`column` (1-based, in the chapter file) of `body`, or
 * of its lines (split once by a caller that asks for many: a 0.5 MB chapter split per value took seconds).
 */
export function sentenceAt(
  body: string | readonly string[],
  bodyLine: number,
  line: number,
  column: number,
  print: Printer,
): string {
  const lines = typeof body === 'string' ? body.split('\n') : body;
  const at = line - bodyLine;
  if (at < 0 || at >= lines.length) return '';
  let first = at;
  while (first > 0 && lines[first - 1]!.trim() !== '') first--;
  let last = at;
  while (last < lines.length - 1 && lines[last + 1]!.trim() !== '') last++;
  const para = lines.slice(first, last + 1).join('\n');
  const offset = lines.slice(first, at).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  let out = '';
  let mark = -1;
  let pos = 0;
  for (const m of para.matchAll(token)) {
    out += para.slice(pos, m.index);
    pos = m.index + m[0].length;
    const [whole, kind, id, linkText] = m;
    if (kind === 'num') {
      const text = print.value(id!, /\bbare\b/.test(whole)) ?? whole;
      if (m.index === offset) {
        mark = out.length;
        out += MARK_START + text + MARK_END;
      } else out += text;
    } else if (kind === 'ref') out += print.ref([...whole.matchAll(/"([^"]+)"/g)].map((q) => q[1]!)) ?? whole;
    else if (linkText !== undefined) out += linkText;
  }
  out += para.slice(pos);
  out = out.replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6})\s+/gm, '').replace(/\s*\n\s*/g, ' ');
  if (mark < 0) return out.trim();
  return cut(out, out.indexOf(MARK_START)).trim();
}

/** The sentence of `text` around character `at`: from after the previous sentence end to the next one, inclusive. */
function cut(text: string, at: number): string {
  const end = /[。！？!?]|\.(?=\s|$)/g;
  let start = 0;
  let stop = text.length;
  for (const m of text.matchAll(end)) {
    const i = m.index + m[0].length;
    if (i <= at) start = i;
    else {
      stop = i;
      break;
    }
  }
  return text.slice(start, stop);
}
