import path from 'node:path';
import { tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { BuildContext, Lang } from '../../context.js';
import type { Chapter } from '../../model/content.js';
import type { ReportData } from '../../model/data.js';
import type { RenderedEdition } from '../../model/edition.js';
import { BuildFailed } from '../../diagnostics/catalogue.js';
import { Diagnostics } from '../../diagnostics/collector.js';
import { writeRevision } from '../../sources/git-revision.js';
import { recordValues } from './record.js';
import { diffRecords } from './diff.js';
import { summaryLines } from './summary.js';
import { changesPage } from './page.js';

/** What `changes --since` needs of a prepared report (build.ts's prepare()). */
interface Prepared {
  ctx: BuildContext;
  config: { languages: Lang[] };
  data: ReportData;
  chapters: Record<Lang, Chapter[]>;
  rendered: Record<Lang, RenderedEdition>;
}
type Options = { root: string; cacheDir: string };

/**
 * `npm run changes -- --since REV`: the change report between the report at a
 * git revision (read from git, into a temporary folder) and the working tree,
 * without building or touching dist/. Writes the review page to `file` and
 * returns the summary lines. A revision that cannot be read or does not build
 * fails with catalogue lines (the revision's own messages name it).
 */
export async function changesSince<O extends Options>(
  opts: O,
  rev: string,
  file: string,
  prepare: (o: O) => Promise<Prepared>,
): Promise<string[]> {
  const old = mkdtempSync(path.join(tmpdir(), 'report-at-'));
  try {
    const why = writeRevision(opts.root, rev, old);
    if (why) {
      const d = new Diagnostics();
      d.report('git-revision', { file: '.' }, [rev, why]);
      throw new BuildFailed(d.list);
    }
    let before: Prepared;
    try {
      before = await prepare({ ...opts, root: old, cacheDir: path.join(old, '.cache') });
    } catch (e) {
      if (!(e instanceof BuildFailed)) throw e;
      throw new BuildFailed(e.diagnostics.map((d) => ({ ...d, file: `${rev}:${d.file}` })));
    }
    const after = await prepare(opts);
    const langs = after.config.languages;
    const record = (p: Prepared) =>
      recordValues(p.ctx, { langs, data: p.data, chapters: p.chapters, rendered: p.rendered });
    const now = record(after);
    const set = diffRecords(record(before), now, langs);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, changesPage(set, langs, path.join(opts.cacheDir, 'changes', 'svg'), rev));
    return summaryLines(set, now, langs);
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}
