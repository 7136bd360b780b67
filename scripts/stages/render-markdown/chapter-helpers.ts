import type Handlebars from 'handlebars';
import type { BuildContext } from '../../context.js';
import type { ReportData } from '../../model/data.js';
import { nearest } from '../../diagnostics/did-you-mean.js';
import { formatBare, formatValue } from '../../locale/units.js';
import { unbroken } from '../../locale/no-break.js';
import { refText } from '../../locale/ref-list.js';
import type { EditionState } from '../../model/edition.js';

/** The helpers of a chapter ({{t}} and {{fmt}} are the layout's: a chapter names values by id). */
export const helperNames = ['figure', 'table', 'ref', 'num'];

/** Where a node starts in a chapter's body, as Handlebars gives it. */
type Loc = { start: { line: number; column: number } };

/** Where the chapter helpers run: one chapter of one edition, in one pass. */
export interface HelperScope {
  ctx: BuildContext;
  hb: typeof Handlebars;
  data: ReportData;
  state: EditionState;
  /** The 'render' pass: references resolve and problems are reported (the 'place' pass only places figures and tables). */
  report: boolean;
  /** The place in the chapter's file of a location in its body. */
  at: (loc: Loc | undefined) => { file: string; line: number; column: number };
}

/** Registers {{figure}}, {{table}}, {{ref}} and {{num}} on the scope's Handlebars, each checking its arguments first. */
export function registerChapterHelpers(s: HelperScope): void {
  const helpers: Record<string, Handlebars.HelperDelegate> = {
    figure: placer(s, 'figure'),
    table: placer(s, 'table'),
    ref: refHelper(s),
    num: numHelper(s),
  };
  for (const [name, fn] of Object.entries(helpers))
    s.hb.registerHelper(
      name,
      checkedHelper(name, fn, (rule, loc, args) => s.report && s.ctx.diagnostics.report(rule, s.at(loc), args)),
    );
}

const locOf = (options: Handlebars.HelperOptions) => (options as unknown as { loc: never }).loc;

/** {{figure "fig:x"}} / {{table "tab:x"}}: in the 'place' pass records where it stands; leaves a marker for the figure or table. */
function placer(s: HelperScope, kind: 'figure' | 'table'): Handlebars.HelperDelegate {
  const { ctx, data, state, report } = s;
  return function (this: unknown, id: unknown, options: Handlebars.HelperOptions & { loc?: never }) {
    const place = s.at(locOf(options));
    const known = kind === 'figure' ? data.figures : data.tables;
    if (typeof id !== 'string' || !known.has(id)) {
      if (report)
        ctx.diagnostics.report('unknown-figure', place, [
          String(id),
          nearest(String(id), [...data.figures.keys(), ...data.tables.keys()]),
        ]);
      return '';
    }
    if (!report) {
      if (state.placed.some((u) => u.id === id)) ctx.diagnostics.report('figure-placed-twice', place, [id]);
      else state.placed.push({ kind, id, ...place });
    }
    return new s.hb.SafeString(`<!--report-${state.markerKey}:${kind}:${id}-->`);
  };
}

/**
 * {{ref "fig:x"}}: "Figure 3", the number the figure or table has in this edition; {{ref "fig:a" "fig:b"}}:
 * "Figures 2 and 3" / "图 2 和图 3" (locale/ref-list.ts).
 */
function refHelper(s: HelperScope): Handlebars.HelperDelegate {
  const { ctx, data, state, report } = s;
  return (...args: unknown[]) => {
    const options = args.pop() as Handlebars.HelperOptions;
    if (!report) return '';
    const place = s.at(locOf(options));
    const items = args.map((id) => {
      const n = typeof id === 'string' ? state.numbers.get(id) : undefined;
      if (n !== undefined) state.used.push({ kind: 'ref', id: id as string, ...place });
      else if (typeof id === 'string' && (data.figures.has(id) || data.tables.has(id)))
        ctx.diagnostics.report('figure-not-in-edition', place, [id]);
      else
        ctx.diagnostics.report('unknown-figure', place, [
          String(id),
          nearest(String(id), [...data.figures.keys(), ...data.tables.keys()]),
        ]);
      return { id: String(id), n };
    });
    if (items.some((i) => i.n === undefined)) return '??';
    return refText(items as { id: string; n: number }[], state.strings);
  };
}

/** {{num "output-2020"}}: a value of the data, formatted for the edition (decimals=, bare=). */
function numHelper(s: HelperScope): Handlebars.HelperDelegate {
  const { ctx, data, state, report } = s;
  return (id: unknown, options: Handlebars.HelperOptions) => {
    if (!report) return '';
    const place = s.at(locOf(options));
    const v = typeof id === 'string' ? data.values.get(id) : undefined;
    if (!v) {
      ctx.diagnostics.report('unknown-value', place, [String(id), nearest(String(id), data.values.keys())]);
      return '??';
    }
    const decimals = options.hash?.decimals as unknown;
    if (
      decimals !== undefined &&
      !(Number.isInteger(decimals) && (decimals as number) >= 0 && (decimals as number) <= 10)
    ) {
      ctx.diagnostics.report('template-error', place, [
        `decimals= takes a whole number from 0 to 10, not ${JSON.stringify(decimals)}`,
      ]);
      return '??';
    }
    state.used.push({ kind: 'value', id: v.id, ...place });
    const opts = { decimals: decimals as number | undefined };
    // The number and its unit on one line ("RMB 151.08 billion", "1510.81 亿元").
    return options.hash?.bare
      ? formatBare(v.raw, state.lang, opts)
      : unbroken(formatValue(v.raw, v.unit, state.lang, { ...opts, words: true }));
  };
}

/** The options= each chapter helper takes. */
const helperOptions: Record<string, string[]> = { figure: [], table: [], ref: [], num: ['decimals', 'bare'] };

/**
 * A chapter helper that takes one id ({{ref}}: one or more) and only its own options: called with no
 * id, two, or an option it does not know (`decimal=1`), it says so at its place
 * instead of ignoring the rest (or failing on Handlebars' options object taken
 * for the id).
 */
function checkedHelper(
  name: string,
  fn: Handlebars.HelperDelegate,
  report: (
    rule: 'template-error',
    loc: { start: { line: number; column: number } } | undefined,
    args: string[],
  ) => void,
): Handlebars.HelperDelegate {
  const fallback = name === 'figure' || name === 'table' ? '' : '??';
  return function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };
    if (name === 'ref' ? !args.length : args.length !== 1) {
      const example = name === 'num' ? 'output-2020' : name === 'table' ? 'tab:x' : 'fig:x';
      report('template-error', options.loc, [
        name === 'ref'
          ? '{{ref}} takes one id in quotes or more, like {{ref "fig:x"}} or {{ref "fig:a" "fig:b"}}, not none'
          : `{{${name}}} takes one id in quotes, like {{${name} "${example}"}}, not ${args.length}`,
      ]);
      return fallback;
    }
    const allowed = helperOptions[name] ?? [];
    const unknown = Object.keys(options.hash ?? {}).find((k) => !allowed.includes(k));
    if (unknown !== undefined) {
      const near = nearest(unknown, allowed);
      const didYouMean = near ? ` — did you mean ${near}=?` : '';
      const choices = allowed.length ? ` (its options: ${allowed.map((o) => `${o}=`).join(', ')})` : ' (it takes none)';
      report('template-error', options.loc, [`{{${name}}} has no option ${unknown}=${didYouMean}${choices}`]);
      return fallback;
    }
    return fn.call(this, ...args, options);
  };
}
