import { findNodeAtLocation, parse, parseTree, type ParseError, ParseErrorCode } from 'jsonc-parser';
import type { BuildContext } from '../context.js';
import type { Place } from '../diagnostics/catalogue.js';
import { lineCol } from './positions.js';

/** What each of jsonc-parser's error codes means to someone writing JSON by hand. */
const problems: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character (strings need double quotes)',
  [ParseErrorCode.InvalidNumberFormat]: 'malformed number',
  [ParseErrorCode.PropertyNameExpected]: 'a "name" in double quotes is expected (no comma after the last field)',
  [ParseErrorCode.ValueExpected]: 'a value is expected (no comma after the last item)',
  [ParseErrorCode.ColonExpected]: 'a colon is expected after the name',
  [ParseErrorCode.CommaExpected]: 'a comma is missing',
  [ParseErrorCode.CloseBraceExpected]: 'a } is missing',
  [ParseErrorCode.CloseBracketExpected]: 'a ] is missing',
  [ParseErrorCode.EndOfFileExpected]: 'text after the end of the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not allowed in JSON',
  [ParseErrorCode.UnexpectedEndOfString]: 'a string is not closed on its line',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'malformed number',
  [ParseErrorCode.InvalidUnicode]: 'malformed \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'malformed escape (write \\\\ for a backslash)',
  [ParseErrorCode.InvalidCharacter]: 'a control character (a tab or line break) inside a string',
};

/** Deeper than this, a file is not a spec or a table a person wrote (and recursive code would overflow). */
const MAX_DEPTH = 64;

/**
 * Parse a JSON file of the report (jsonc-parser: it reports where each
 * problem is, and keeps going, so the first problem is the one shown). Only
 * strict JSON is accepted: no comments, no trailing commas. Reported at the
 * file's line:col; undefined when it is not JSON.
 */
export function parseJson(ctx: BuildContext, text: string, file: string): unknown {
  if (!text.trim()) {
    ctx.diagnostics.report(
      'json-syntax',
      { file, line: 1, column: 1 },
      ['the file is empty'],
      ['write the JSON it should hold (an empty file was perhaps saved by mistake), or delete it and what names it'],
    );
    return undefined;
  }
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    ctx.diagnostics.report('json-syntax', { file, line: 1, column: 1 }, [`the file is nested too deeply to read`]);
    return undefined;
  }
  const first = errors[0];
  if (first) {
    ctx.diagnostics.report('json-syntax', { file, ...lineCol(text, first.offset) }, [
      problems[first.error] ?? 'invalid JSON',
    ]);
    return undefined;
  }
  if (depth(value, 0) > MAX_DEPTH) {
    ctx.diagnostics.report('json-syntax', { file, line: 1, column: 1 }, [
      `objects and arrays are nested more than ${MAX_DEPTH} deep`,
    ]);
    return undefined;
  }
  return value;
}

function depth(v: unknown, d: number): number {
  if (d > MAX_DEPTH || !v || typeof v !== 'object') return d;
  let max = d;
  for (const x of Object.values(v)) max = Math.max(max, depth(x, d + 1));
  return max;
}

/**
 * Where the value at `path` (keys and indexes) stands in a JSON file's text:
 * the nearest part of the path that exists (the whole file when nothing does).
 * `key`: the property's name rather than its value.
 */
export function jsonPlace(
  text: string,
  file: string,
  path: (string | number)[],
  key = false,
): Place & { line: number; column: number } {
  const tree = parseTree(text);
  for (let n = path.length; tree && n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    if (!node) continue;
    const at = key && n === path.length && node.parent?.type === 'property' ? node.parent.offset : node.offset;
    return { file, ...lineCol(text, at) };
  }
  return { file, line: 1, column: 1 };
}
