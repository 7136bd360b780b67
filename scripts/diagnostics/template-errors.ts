import type { BuildContext } from '../context.js';

/** A Handlebars error (chapter, layout or partial) as one catalogue line at its file:line:col; `helpers`: those the file may use. */
export function reportTemplateError(
  ctx: BuildContext,
  e: Error & { lineNumber?: number; column?: number },
  file: string,
  firstLine = 1,
  helpers?: string[],
): void {
  const lineInMessage = /on line (\d+)/.exec(e.message);
  const line = e.lineNumber ?? (lineInMessage ? Number(lineInMessage[1]) : 1);
  const place = { file, line: line + firstLine - 1, column: (e.column ?? 0) + 1 };
  const lines = e.message.split('\n');
  const msg = (
    lines[0]!.startsWith('Parse error') ? (lines.find((l) => l.startsWith('Expecting')) ?? lines[0]!) : lines[0]!
  ).replace(/ - \d+:\d+$/, '');
  const unknown = /unknown helper (\S+)/.exec(msg);
  const missing = /^"([^"]+)" not defined/.exec(msg);
  const list = helpers ? [helpers.join(', ')] : [];
  if (unknown) ctx.diagnostics.report('unknown-helper', place, [unknown[1]!], list);
  else if (missing) ctx.diagnostics.report('unknown-helper', place, [missing[1]!], list);
  else if (/could not be found/.test(msg)) ctx.diagnostics.report('unknown-partial', place, [msg]);
  else if (/Parse error|Expecting|doesn't match/.test(e.message))
    ctx.diagnostics.report('template-syntax', place, [syntaxProblem(msg)]);
  else ctx.diagnostics.report('template-error', place, [msg]);
}

/** Handlebars' parser tokens, as a template's author sees them. */
const tokens: Record<string, string> = {
  OPEN_BLOCK: '"{{#"',
  OPEN_INVERSE: '"{{^"',
  OPEN_ENDBLOCK: '"{{/"',
  OPEN_PARTIAL: '"{{>"',
  OPEN: '"{{"',
  OPEN_UNESCAPED: '"{{{"',
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  OPEN_SEXPR: '"("',
  CLOSE_SEXPR: '")"',
  EQUALS: '"="',
  ID: 'a name',
  STRING: 'a string',
  NUMBER: 'a number',
  CONTENT: 'text',
  INVERSE: '"{{else}}"',
};

/** The parser's "Expecting 'CLOSE', 'ID', … got 'OPEN_BLOCK'" as one plain sentence. */
function syntaxProblem(msg: string): string {
  const got = /got '?([A-Z_]+)'?/.exec(msg)?.[1];
  if (!got || got === 'INVALID' || got === 'EOF')
    return /doesn't match/.test(msg)
      ? msg.replace(/'/g, '')
      : 'a {{ … }} expression on this line is malformed or not closed';
  return `a {{ … }} expression on this line is malformed: ${tokens[got] ?? got.toLowerCase().replace(/_/g, ' ')} where it cannot stand`;
}
