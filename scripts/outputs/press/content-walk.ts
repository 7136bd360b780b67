import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';

/** A content-stream operator with its operands (numbers, names as `/Name`, anything else as null). */
export interface Op {
  op: string;
  args: (number | string | null)[];
}

/** An operator as drawn: the page (1-based), the transformation matrix then, and the resources it reads. */
export type Visit = (op: Op, at: { page: number; ctm: number[]; resources: PDFDict | undefined }) => void;

const DELIM = /[\s()<>[\]{}/%]/;

/**
 * A content stream's operators (ISO 32000-1 §7.8.2): numbers and names are kept, strings, arrays, dictionaries
 * and inline image data are skipped (no check here needs them).
 */
export function operators(text: string): Op[] {
  const ops: Op[] = [];
  let args: Op['args'] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '%') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (c === '(') i = skipString(text, i, args);
    else if (c === '<' && text[i + 1] !== '<') i = text.indexOf('>', i) + 1 || text.length;
    else if (c === '[' || c === ']' || c === '{' || c === '}' || c === '<' || c === '>') {
      if (c === '[' || c === '<') args.push(null);
      i += c === '<' || c === '>' ? 2 : 1;
    } else {
      let j = i + 1;
      while (j < text.length && !DELIM.test(text[j]!)) j++;
      const word = text.slice(i, j);
      i = j;
      if (c === '/') args.push(word);
      else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) args.push(Number(word));
      else if (word === 'true' || word === 'false' || word === 'null') args.push(null);
      else {
        ops.push({ op: word, args });
        args = [];
        if (word === 'ID') i = text.indexOf('EI', i) + 2 || text.length; // (inline image data)
      }
    }
  }
  return ops;
}

function skipString(text: string, start: number, args: Op['args']): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      args.push(null);
      return i + 1;
    }
  }
  return text.length;
}

/** A stream's bytes, inflated when it is FlateDecode; undefined for filters no check needs to read. */
export function streamText(stream: PDFRawStream): string | undefined {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const name = filter instanceof PDFArray ? filter.lookup(0) : filter;
  if (name === undefined) return Buffer.from(stream.contents).toString('latin1');
  if (name !== PDFName.of('FlateDecode')) return undefined;
  // (lenient about the end: a stream whose deflate data stops short still reads as far as it goes)
  return inflateSync(stream.contents, { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1');
}

export const multiply = (m: number[], n: number[]): number[] => [
  m[0]! * n[0]! + m[1]! * n[2]!,
  m[0]! * n[1]! + m[1]! * n[3]!,
  m[2]! * n[0]! + m[3]! * n[2]!,
  m[2]! * n[1]! + m[3]! * n[3]!,
  m[4]! * n[0]! + m[5]! * n[2]! + n[4]!,
  m[4]! * n[1]! + m[5]! * n[3]! + n[5]!,
];

/**
 * Every operator of every page, form XObjects followed where they are drawn (with their /Matrix), with the
 * current transformation matrix kept through q/Q/cm. A form drawn inside itself is not followed again.
 */
export function walkContent(doc: PDFDocument, visit: Visit): void {
  const parsed = new Map<PDFRawStream, Op[]>();
  const read = (s: PDFRawStream) => parsed.get(s) ?? parsed.set(s, operators(streamText(s) ?? '')).get(s)!;
  const run = (ops: Op[], page: number, start: number[], resources: PDFDict | undefined, open: PDFRawStream[]) => {
    const stack: number[][] = [];
    let ctm = start;
    for (const op of ops) {
      if (op.op === 'q') stack.push(ctm);
      else if (op.op === 'Q') ctm = stack.pop() ?? ctm;
      else if (op.op === 'cm' && op.args.length === 6) ctm = multiply(op.args as number[], ctm);
      visit(op, { page, ctm, resources });
      if (op.op !== 'Do' || typeof op.args[0] !== 'string') continue;
      const xobjects = resources?.lookup(PDFName.of('XObject'));
      const form = xobjects instanceof PDFDict ? xobjects.lookup(PDFName.of(op.args[0].slice(1))) : undefined;
      if (!(form instanceof PDFRawStream) || form.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Form')) continue;
      if (open.includes(form)) continue;
      const matrix = form.dict.lookup(PDFName.of('Matrix'));
      const m =
        matrix instanceof PDFArray ? matrix.asArray().map((n) => (n as PDFNumber).asNumber()) : [1, 0, 0, 1, 0, 0];
      const own = form.dict.lookup(PDFName.of('Resources'));
      run(read(form), page, multiply(m, ctm), own instanceof PDFDict ? own : resources, [...open, form]);
    }
  };
  for (const [i, page] of doc.getPages().entries()) {
    const contents = page.node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const ops = refs.flatMap((r) => {
      const s = doc.context.lookup(r as PDFRef);
      return s instanceof PDFRawStream ? read(s) : [];
    });
    run(ops, i + 1, [1, 0, 0, 1, 0, 0], page.node.Resources(), []);
  }
}
