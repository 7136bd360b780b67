import Handlebars from 'handlebars';
import type { BuildContext } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { ReportData } from '../../model/data.js';
import type { EditionState } from '../../model/edition.js';
import { reportTemplateError } from '../../diagnostics/template-errors.js';
import { helperNames, registerChapterHelpers } from './chapter-helpers.js';
import { checkProse } from './prose-check.js';

/** Where each figure/table/value/note is used in one edition: the parity check compares these. */

/** A chapter's body parsed and compiled, kept for the second pass (the helpers are looked up when it runs). */
export interface CompiledChapter {
  ast: hbs.AST.Program;
  template: Handlebars.TemplateDelegate;
}

/**
 * Chapter bodies are Handlebars templates rendered before Markdown. Helpers emit
 * single-line output so Markdown line numbers still match the source file.
 * Pass 'place' records where figures and tables are placed (for numbering);
 * pass 'render' resolves references and values. Both run the same template,
 * parsed and compiled once (`compiled`, by chapter): Handlebars takes the
 * helpers registered on `hb` at each run.
 */
export function renderChapterTemplate(
  ctx: BuildContext,
  hb: typeof Handlebars,
  chapter: Chapter,
  data: ReportData,
  state: EditionState,
  pass: 'place' | 'render',
  compiled: Map<Chapter, CompiledChapter>,
): string | undefined {
  const report = pass === 'render';
  const at = (loc: { start: { line: number; column: number } } | undefined) => ({
    file: chapter.file,
    line: (loc?.start.line ?? 1) + chapter.bodyLine - 1,
    column: (loc?.start.column ?? 0) + 1,
  });
  registerChapterHelpers({ ctx, hb, data, state, report, at });
  hb.registerPartial('byline', `<!--report-${state.markerKey}:byline-->`);
  try {
    const done = compiledOnce(hb, chapter, compiled);
    if (report && !checkProse(ctx, done.ast, chapter)) return undefined;
    // (a template that does not compile throws at each run, and is reported in the second)
    return done.template({});
  } catch (e) {
    if (report)
      reportTemplateError(
        ctx,
        e as Handlebars.Exception & { lineNumber?: number; column?: number },
        chapter.file,
        chapter.bodyLine,
        helperNames,
      );
    return undefined;
  }
}

/** The chapter's body parsed and compiled, the first time it is asked for; after that, the same. */
function compiledOnce(
  hb: typeof Handlebars,
  chapter: Chapter,
  compiled: Map<Chapter, CompiledChapter>,
): CompiledChapter {
  let done = compiled.get(chapter);
  if (!done) {
    // ignoreStandalone: a comment or partial on a line of its own leaves that line (empty), so later lines keep their numbers.
    const ast = hb.parse(chapter.body, { ignoreStandalone: true });
    const template = hb.compile(ast, {
      strict: true,
      knownHelpers: { ...Object.fromEntries(helperNames.map((h) => [h, true])), log: false },
      knownHelpersOnly: true,
    });
    done = { ast, template };
    compiled.set(chapter, done);
  }
  return done;
}
