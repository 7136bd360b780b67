import Handlebars from 'handlebars';
import type { BuildContext } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { ReportData } from '../../model/data.js';
import { nearest } from '../../diagnostics/did-you-mean.js';
import { formatBare, formatValue } from '../../locale/units.js';
import type { EditionState } from '../../model/edition.js';
import { reportTemplateError } from '../../diagnostics/template-errors.js';

/** Where each figure/table/value/note is used in one edition: the parity check compares these. */

/** The helpers of a chapter ({{t}} and {{fmt}} are the layout's: a chapter names values by id). */
const helperNames = ['figure', 'table', 'ref', 'num'];

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
  const placer = (kind: 'figure' | 'table') =>
    function (this: unknown, id: unknown, options: Handlebars.HelperOptions & { loc?: never }) {
      const place = at((options as unknown as { loc: never }).loc);
      const known = kind === 'figure' ? data.figures : data.tables;
      if (typeof id !== 'string' || !known.has(id)) {
        if (report) ctx.diagnostics.report('unknown-figure', place, [String(id), nearest(String(id), [...data.figures.keys(), ...data.tables.keys()])]);
        return '';
      }
      if (!report) {
        if (state.placed.some((u) => u.id === id)) ctx.diagnostics.report('figure-placed-twice', place, [id]);
        else state.placed.push({ kind, id, ...place });
      }
      return new hb.SafeString(`<!--report-${state.markerKey}:${kind}:${id}-->`);
    };
  const helpers: Record<string, Handlebars.HelperDelegate> = {
    figure: placer('figure'),
    table: placer('table'),
    ref(id: unknown, options: Handlebars.HelperOptions) {
      if (!report) return '';
      const place = at((options as unknown as { loc: never }).loc);
      const n = typeof id === 'string' ? state.numbers.get(id) : undefined;
      if (n === undefined) {
        if (typeof id === 'string' && (data.figures.has(id) || data.tables.has(id))) ctx.diagnostics.report('figure-not-in-edition', place, [id]);
        else ctx.diagnostics.report('unknown-figure', place, [String(id), nearest(String(id), [...data.figures.keys(), ...data.tables.keys()])]);
        return '??';
      }
      state.used.push({ kind: 'ref', id: id as string, ...place });
      const word = String(id).startsWith('fig:') ? state.strings.figure : state.strings.table;
      return `${word}${state.strings.numberSpace}${n}`;
    },
    num(id: unknown, options: Handlebars.HelperOptions) {
      if (!report) return '';
      const place = at((options as unknown as { loc: never }).loc);
      const v = typeof id === 'string' ? data.values.get(id) : undefined;
      if (!v) {
        ctx.diagnostics.report('unknown-value', place, [String(id), nearest(String(id), data.values.keys())]);
        return '??';
      }
      const decimals = options.hash?.decimals as unknown;
      if (decimals !== undefined && !(Number.isInteger(decimals) && (decimals as number) >= 0 && (decimals as number) <= 10)) {
        ctx.diagnostics.report('template-error', place, [`decimals= takes a whole number from 0 to 10, not ${JSON.stringify(decimals)}`]);
        return '??';
      }
      state.used.push({ kind: 'value', id: v.id, ...place });
      const opts = { decimals: decimals as number | undefined };
      return options.hash?.bare ? formatBare(v.raw, state.lang, opts) : formatValue(v.raw, v.unit, state.lang, { ...opts, words: true });
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, checkedHelper(name, fn, (rule, loc, args) => report && ctx.diagnostics.report(rule, at(loc), args)));
  hb.registerPartial('byline', `<!--report-${state.markerKey}:byline-->`);
  try {
    let done = compiled.get(chapter);
    if (!done) {
      // ignoreStandalone: a comment or partial on a line of its own leaves that line (empty), so later lines keep their numbers.
      const ast = hb.parse(chapter.body, { ignoreStandalone: true });
      const template = hb.compile(ast, { strict: true, knownHelpers: { ...Object.fromEntries(helperNames.map((h) => [h, true])), log: false }, knownHelpersOnly: true });
      done = { ast, template };
      compiled.set(chapter, done);
    }
    if (report && !checkPartials(ctx, hb, done.ast, chapter)) return undefined;
    // (a template that does not compile throws at each run, and is reported in the second)
    return done.template({});
  } catch (e) {
    if (report) reportTemplateError(ctx, e as Handlebars.Exception & { lineNumber?: number; column?: number }, chapter.file, chapter.bodyLine, helperNames);
    return undefined;
  }
}

function checkPartials(ctx: BuildContext, hb: typeof Handlebars, ast: hbs.AST.Program, chapter: Chapter): boolean {
  let ok = true;
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; name?: { original?: string }; loc?: { start: { line: number; column: number } } };
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = n.name?.original ?? '';
      if (!hb.partials[name]) {
        ctx.diagnostics.report('unknown-partial', { file: chapter.file, line: (n.loc?.start.line ?? 1) + chapter.bodyLine - 1, column: (n.loc?.start.column ?? 0) + 1 }, [name]);
        ok = false;
      }
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return ok;
}


/** The options= each chapter helper takes. */
const helperOptions: Record<string, string[]> = { figure: [], table: [], ref: [], num: ['decimals', 'bare'] };

/**
 * A chapter helper that takes one id and only its own options: called with no
 * id, two, or an option it does not know (`decimal=1`), it says so at its place
 * instead of ignoring the rest (or failing on Handlebars' options object taken
 * for the id).
 */
function checkedHelper(
  name: string,
  fn: Handlebars.HelperDelegate,
  report: (rule: 'template-error', loc: { start: { line: number; column: number } } | undefined, args: string[]) => void,
): Handlebars.HelperDelegate {
  const fallback = name === 'figure' || name === 'table' ? '' : '??';
  return function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };
    if (args.length !== 1) {
      report('template-error', options.loc, [`{{${name}}} takes one id in quotes, like {{${name} "${name === 'num' ? 'output-2020' : name === 'table' ? 'tab:x' : 'fig:x'}"}}, not ${args.length}`]);
      return fallback;
    }
    const allowed = helperOptions[name] ?? [];
    const unknown = Object.keys(options.hash ?? {}).find((k) => !allowed.includes(k));
    if (unknown !== undefined) {
      const near = nearest(unknown, allowed);
      report('template-error', options.loc, [`{{${name}}} has no option ${unknown}=${near ? ` — did you mean ${near}=?` : ''}${allowed.length ? ` (its options: ${allowed.map((o) => `${o}=`).join(', ')})` : ' (it takes none)'}`]);
      return fallback;
    }
    return fn.call(this, args[0], options);
  };
}
