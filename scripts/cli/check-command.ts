import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { BuildOptions } from '../build.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';

/** `npm run check`: the parity check and the translation's alignment alone; `--accept` records source texts first. */
export async function checkCommand(
  opts: BuildOptions,
  accept: string[],
  print: (d: Diagnostic[]) => void,
): Promise<number> {
  const { prepare } = await import('../build.js');
  const { acceptUnits, parseAcceptTarget, outOfStepRules } = await import('../stages/align-translation/accept.js');
  if (accept.length) {
    // Record the current source text for the units named, then check as usual.
    const before = await prepare({ ...opts, strict: false, log: () => undefined });
    const done = acceptUnits(
      before.alignment,
      accept.map((a) => parseAcceptTarget(a, opts.root, process.cwd())),
    );
    print(done.problems);
    if (done.problems.length) return 1;
    for (const w of done.writes) writeFileSync(path.join(opts.root, w.file), w.text);
    console.log(
      `check: recorded the source text of ${done.recorded} unit(s) in ${done.writes.map((w) => w.file).join(', ')}`,
    );
  }
  const prep = await prepare({ ...opts, log: () => undefined });
  print(prep.ctx.diagnostics.list);
  const listed = prep.ctx.diagnostics.list;
  const outOfStep = listed.filter((d) => (outOfStepRules as string[]).includes(d.rule));
  if (outOfStep.length) {
    // Counted as listed: of the findings printed, those that are the translation out of step, by rule.
    const byRule = new Map<string, number>();
    for (const d of outOfStep) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
    const rules = [...byRule].map(([rule, n]) => `${n} [${rule}]`).join(', ');
    const others = listed.length - outOfStep.length;
    console.error(
      `check failed: ${outOfStep.length} of the ${listed.length} finding(s) above are the translation out of step (${rules})` +
        (others ? `; the other ${others} do not fail the check` : ''),
    );
    return 1;
  }
  console.log(`check: the editions agree (${prep.config.languages.join(', ')})`);
  return 0;
}
