import path from 'node:path';
import type { BuildOptions } from '../build.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import { outputIntact, readRecord, recordPath } from '../incremental/build-record.js';
import { inputsHash } from '../incremental/inputs-hash.js';
import type { BrowserHandle } from './browser-handle.js';
import { outputFormat } from '../outputs/registry.js';

/** What besides the files decides a build's output (part of the inputs hash). */
export function buildKey(
  opts: Pick<BuildOptions, 'langs' | 'formats' | 'formatsByDefault' | 'strict' | 'pdfStandard' | 'sourceDateEpoch'>,
): unknown {
  return {
    langs: opts.langs ?? null,
    formats: [...opts.formats].sort(),
    byDefault: opts.formatsByDefault ?? false,
    strict: opts.strict,
    pdfStandard: opts.pdfStandard ?? null,
    epoch: opts.sourceDateEpoch ?? null,
  };
}

/**
 * `npm run build`: nothing to do when the inputs hash as the last build's and its output is intact; else the
 * build, with the last build's record (to keep what did not change, and to say what the data changed).
 */
export async function buildCommand(
  opts: BuildOptions,
  ctl: { force: boolean; browser: BrowserHandle; print: (d: Diagnostic[]) => void; t0: number },
): Promise<number> {
  const shownOut = path.relative(process.cwd(), opts.outDir) || opts.outDir;
  const manifestFile = recordPath(opts.cacheDir, opts.outDir);
  const inputs = inputsHash(opts.root, opts.packageDir, buildKey(opts));
  const last = readRecord(manifestFile);
  const previous = ctl.force ? undefined : last;
  const ms = () => Math.round(performance.now() - ctl.t0);
  if (previous?.inputs === inputs && outputIntact(opts.outDir, previous)) {
    ctl.print(previous.diagnostics);
    opts.log(`nothing changed: ${shownOut} is up to date (${ms()} ms; --force rebuilds)`);
    return 0;
  }
  // Start the browser (Puppeteer's own import included) while the pipeline's modules load.
  if (opts.formats.some((f) => (outputFormat(f)?.pagesPerEdition ?? 0) > 0)) ctl.browser.get().catch(() => undefined);
  const { build } = await import('../build.js');
  // --force makes everything again, but what changed is still said against the last build.
  const result = await build({ ...opts, previous, lastValues: last?.values, manifest: { file: manifestFile, inputs } });
  ctl.print(result.diagnostics);
  if (result.changes.lines.length)
    opts.log(
      `changed since the last build (details: ${path.join(shownOut, 'changes.html')}):\n  ${result.changes.lines.join('\n  ')}`,
    );
  opts.log(
    `built ${result.editions.map((e) => e.lang).join(' + ')} → ${shownOut} in ${ms()} ms (${result.chartsRendered} chart(s) rendered)`,
  );
  return 0;
}
