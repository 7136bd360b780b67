import path from 'node:path';
import type { BuildOptions } from '../build.js';

/** `npm run changes --since REV`: what the data changed since a revision, as lines and a page; builds nothing. */
export async function changesCommand(opts: BuildOptions, since: string, out: string | undefined): Promise<number> {
  const { changesSince } = await import('../stages/report-changes/since.js');
  const { prepare } = await import('../build.js');
  const file = path.resolve(
    out ?? path.join(opts.cacheDir, 'changes', `since-${since.replace(/[^A-Za-z0-9._-]+/g, '_')}.html`),
  );
  const lines = await changesSince({ ...opts, log: () => undefined }, since, file, prepare);
  const shown = path.relative(process.cwd(), file);
  opts.log(
    lines.length
      ? `changed since ${since} (details: ${shown}):\n  ${lines.join('\n  ')}`
      : `nothing from data changed since ${since} (${shown})`,
  );
  return 0;
}
