/**
 * The graphics objects of a PDF content stream (ISO 32000-1, 8.2: text objects BT…ET, path objects from their
 * first construction operator to the operator that paints or ends them, XObjects `Do`, shadings `sh`, inline
 * images BI…EI) that lie outside every marked-content sequence: content that is neither tagged nor an artifact
 * (Matterhorn Protocol 01-005). Chromium draws page backgrounds, rules, CSS page-margin boxes (running headers,
 * page numbers) and aria-hidden content so. A small tokenizer, not a PDF library: pdf-lib does not parse content
 * streams, and pdf.js's operator list does not say where in the stream an object starts.
 */

/** An object's place in the stream's text (latin1, one character per byte): [start, end). */
export type Span = [number, number];

const PATH_START: readonly string[] = ['m', 're'];
const PATH_END: readonly string[] = ['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n'];
const DELIMITERS = '()<>[]{}/%';

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';
const isRegular = (c: string | undefined) => c !== undefined && !isSpace(c) && !DELIMITERS.includes(c);

/** The next token from `i`: where it starts and ends, and the operator it is (undefined for an operand). */
function nextToken(s: string, from: number): { start: number; end: number; op?: string } | undefined {
  let i = from;
  for (;;) {
    while (i < s.length && isSpace(s[i]!)) i++;
    if (s[i] !== '%') break;
    while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
  }
  if (i >= s.length) return undefined;
  const start = i;
  const c = s[i]!;
  if (c === '(') return { start, end: skipString(s, i) };
  if (c === '<' && s[i + 1] === '<') return { start, end: i + 2 };
  if (c === '>' && s[i + 1] === '>') return { start, end: i + 2 };
  if (c === '<') return { start, end: s.indexOf('>', i) + 1 || s.length };
  if ('[]{}>)'.includes(c)) return { start, end: i + 1 };
  if (c === '/') {
    i++;
    while (isRegular(s[i])) i++;
    return { start, end: i };
  }
  while (isRegular(s[i])) i++;
  const word = s.slice(start, i);
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) || word === 'true' || word === 'false' || word === 'null'
    ? { start, end: i }
    : { start, end: i, op: word };
}

/** The end of a literal string starting at `i` (balanced parentheses, backslash escapes). */
function skipString(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** The end of an inline image's data: after the `EI` that follows `ID` and its data. */
function skipInlineImage(s: string, afterId: number): number {
  const m = /\sEI(?=\s|$)/g;
  m.lastIndex = afterId + 1;
  const found = m.exec(s);
  return found ? found.index + found[0].length : s.length;
}

/**
 * The graphics objects outside marked content, in order. An object that holds tagged content (a BDC with an
 * MCID inside a text object begun outside marked content) is not one: it is not reported.
 */
export function unmarkedObjects(s: string): Span[] {
  const found: Span[] = [];
  let depth = 0;
  let operands = -1;
  let open: { start: number; kind: 'text' | 'path'; tagged: boolean } | undefined;
  for (let t = nextToken(s, 0); t; t = nextToken(s, t.end)) {
    if (!t.op) {
      if (operands < 0) operands = t.start;
      continue;
    }
    const start = operands < 0 ? t.start : operands;
    operands = -1;
    const op = t.op;
    if (op === 'BDC' || op === 'BMC') {
      if (open && op === 'BDC' && /\/MCID\b/.test(s.slice(start, t.start))) open.tagged = true;
      depth++;
    } else if (op === 'EMC') depth = Math.max(0, depth - 1);
    else if (open) {
      if ((open.kind === 'text' && op === 'ET') || (open.kind === 'path' && PATH_END.includes(op))) {
        if (!open.tagged) found.push([open.start, t.end]);
        open = undefined;
      }
    } else if (depth === 0) {
      if (op === 'BT') open = { start, kind: 'text', tagged: false };
      else if (PATH_START.includes(op)) open = { start, kind: 'path', tagged: false };
      else if (op === 'Do' || op === 'sh') found.push([start, t.end]);
      else if (op === 'BI') {
        const id = /\sID\s/g;
        id.lastIndex = t.end;
        const data = id.exec(s);
        const end = data ? skipInlineImage(s, data.index + data[0].length - 1) : s.length;
        found.push([start, end]);
        t.end = end;
      }
    }
  }
  return found;
}

/** The stream with each of `spans` (in order, not overlapping) wrapped as an artifact. */
export function wrapAsArtifacts(s: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of spans) {
    out += `${s.slice(at, a)}/Artifact BMC\n${s.slice(a, b)}\nEMC\n`;
    at = b;
  }
  return out + s.slice(at);
}
