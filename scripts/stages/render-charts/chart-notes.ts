import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import type { Figure } from '../../model/data.js';
import { templateFile } from '../../model/templates.js';
import { jsonPlace } from '../../sources/json.js';
import { bestProblem } from '../../sources/vega-lite-schema.js';
import { checkSchema, localize, withoutComments, type SpecProblem } from './chart-spec.js';
import type { Crowded } from './distinct.js';
import type { ChartInputs, Note } from './edition-chart.js';

/** A chart's problems as notes (the arguments of Diagnostics.report), each at its place in the spec file. */

/** Problems of a chart's spec file as notes, each at its place in the file. */
export function specNotes(ctx: BuildContext, file: string, problems: SpecProblem[]): Note[] {
  let text = '';
  try {
    text = readFileSync(path.join(ctx.root, file), 'utf8');
  } catch {
    // (gone meanwhile: the problem is still reported, at the top of the file)
  }
  return problems.map((p) => [p.rule, jsonPlace(text, file, p.path, p.key), p.args, p.hintArgs ?? []]);
}

/**
 * A spec not rendered before, against Vega-Lite's own schema (compiled once per
 * session), and the edition's chart theme against its config schema (once per
 * edition). Its problems as notes; none when both are valid.
 */
export function schemaNotes(
  ctx: BuildContext,
  inputs: ChartInputs,
  lang: Lang,
  figure: Figure & { chart: string; spec: Record<string, unknown> },
): Note[] {
  const validators = ctx.session.schemas.vegaLite(ctx.packageDir);
  const invalid = checkSchema(localize(figure.spec, lang), validators);
  if (invalid.length) return specNotes(ctx, figure.chart, invalid);
  const themes = (inputs.theme ??= new Map());
  if (!themes.has(lang)) {
    // `narrow` is this pipeline's own: the phone layout's settings (narrow-spec.ts), not Vega-Lite's.
    const theme = localize(inputs.templates.chartTheme, lang);
    const config = withoutComments(Object.fromEntries(Object.entries(theme).filter(([k]) => k !== 'narrow')));
    validators.config(config);
    const best = bestProblem(validators.config.errors ?? [], config);
    const file = templateFile(inputs.templates, 'chart-theme.json');
    themes.set(
      lang,
      best
        ? specNotes(ctx, file, [
            {
              rule: 'chart-spec',
              args: [`the chart theme: ${best.message}`],
              hintArgs: ['the theme is a Vega-Lite config; see https://vega.github.io/vega-lite/docs/config.html'],
              path: best.path,
              key: best.key,
            },
          ])
        : [],
    );
  }
  return themes.get(lang)!;
}

/** Categories whose axis label the chart drops (axis-labels.ts), as an error at the spec's encoding. */
export function droppedNote(ctx: BuildContext, file: string, dropped: string[], narrow: boolean): Note {
  const [place] = specNotes(ctx, file, [{ rule: 'chart-labels', args: [], path: ['encoding'], key: true }]);
  const which = dropped.slice(0, 5).join(', ') + (dropped.length > 5 ? ', …' : '');
  return ['chart-labels', place![1], [String(dropped.length), which, narrow ? 'at the phone layout' : 'in print'], []];
}

/** Colour channels with more categories than the chart tells apart, as warnings at their place in the spec. */
export function crowdedNotes(ctx: BuildContext, file: string, crowded: Crowded[]): Note[] {
  return specNotes(
    ctx,
    file,
    crowded.map((c) => ({
      rule: 'chart-categories',
      args: [c.field, String(c.count), String(c.capacity)],
      path: c.path,
      key: true,
    })),
  );
}
