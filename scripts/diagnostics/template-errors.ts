import type { BuildContext } from '../context.js';

/** A Handlebars error (chapter, layout or partial) as one catalogue line at its file:line:col; `helpers`: those the file may use. */
export function reportTemplateError(ctx: BuildContext, e: Error & { lineNumber?: number; column?: number }, file: string, firstLine = 1, helpers?: string[]): void {
  const lineInMessage = /on line (\d+)/.exec(e.message);
  const line = e.lineNumber ?? (lineInMessage ? Number(lineInMessage[1]) : 1);
  const place = { file, line: line + firstLine - 1, column: (e.column ?? 0) + 1 };
  const lines = e.message.split('\n');
  const msg = (lines[0]!.startsWith('Parse error') ? lines.find((l) => l.startsWith('Expecting')) ?? lines[0]! : lines[0]!).replace(/ - \d+:\d+$/, '');
  const unknown = /unknown helper (\S+)/.exec(msg);
  const missing = /^"([^"]+)" not defined/.exec(msg);
  const list = helpers ? [helpers.join(', ')] : [];
  if (unknown) ctx.diagnostics.report('unknown-helper', place, [unknown[1]!], list);
  else if (missing) ctx.diagnostics.report('unknown-helper', place, [missing[1]!], list);
  else if (/could not be found/.test(msg)) ctx.diagnostics.report('unknown-partial', place, [msg]);
  else if (/Parse error|Expecting|doesn't match/.test(e.message)) ctx.diagnostics.report('template-syntax', place, [/got '?(INVALID|EOF)'?/.test(msg) ? 'a {{ … }} expression on this line is malformed or not closed' : msg.replace(/^Expecting /, 'expected ').replace(/'/g, '')]);
  else ctx.diagnostics.report('template-error', place, [msg]);
}
