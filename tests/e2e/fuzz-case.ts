import path from 'node:path';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { build } from '../../scripts/build.js';
import { BuildFailed, formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newSession, settled, type Session } from '../../scripts/context.js';
import { inputsHash } from '../../scripts/incremental/inputs-hash.js';
import { readRecord, recordPath, type BuildRecord } from '../../scripts/incremental/build-record.js';
import { options, repo, reportCopy, snapshot } from '../helpers.js';
import { applyMutations, type Mutation, type NotApplied } from './fuzz-mutations.js';

/**
 * One case of the property-based test: the mini report changed by `mutations`,
 * built as `npm run build -- --format html` builds it (in this process, for
 * speed: one session and one browser for every case) into a dist/ that holds
 * the previous output, with that output's build record as the last build.
 */

/** A catalogue line: a path inside the report, line and column, severity, what is wrong — what to do, the rule. */
export const catalogueLine =
  /^(?![/\\])(?!\.\.)[^\n]+?:\d+:\d+ {2}(error|warning) {2}[^\n]+ — [^\n]+ {2}\[[a-z0-9-]+\]$/;

export interface Bench {
  session: Session;
  cacheDir: string;
  goodDist: string;
  goodRecord: BuildRecord;
}

export interface Outcome {
  ok: boolean;
  lines: string[];
  /** The editions a successful build made. */
  langs?: string[];
  /** What a user must never see (undefined when the case is fine): an exception, a stray line, a changed output… */
  problem?: string;
  /** Mutations that did not change the report: then nothing was built (ok is false, lines empty). */
  notApplied?: NotApplied[];
}

const formats: ('html' | 'pdf')[] = ['html'];
/** What besides the files decides a build's output, as the CLI hashes it for --format html. */
const key = { langs: null, formats, strict: false, epoch: null };

/** Build the mini report once (its charts land in the shared cache: a case that does not change a chart needs no browser). */
export async function startBench(): Promise<Bench> {
  const session = newSession();
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'fuzz-cache-'));
  const root = reportCopy('mini');
  const goodDist = path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-good-')), 'dist');
  const file = recordPath(cacheDir, goodDist);
  await build(
    options(root, goodDist, { formats, session, cacheDir, manifest: { file, inputs: inputsHash(root, repo, key) } }),
  );
  await settled(session);
  rmSync(root, { recursive: true, force: true });
  return { session, cacheDir, goodDist, goodRecord: readRecord(file)! };
}

export function endBench(bench: Bench): void {
  rmSync(bench.cacheDir, { recursive: true, force: true });
  rmSync(path.dirname(bench.goodDist), { recursive: true, force: true });
}

/** Build the mini report changed by `mutations`; when one of them does not apply, build nothing and say which (`notApplied`). */
export async function runCase(bench: Bench, mutations: Mutation[]): Promise<Outcome> {
  const root = reportCopy('mini');
  const outside = mkdtempSync(path.join(tmpdir(), 'fuzz-outside-'));
  try {
    writeFileSync(
      path.join(outside, 'secret.md'),
      '---\nid: main\ntitle: SECRET-OUTSIDE\n---\n\n# SECRET-OUTSIDE {#secret}\n\nSECRET-OUTSIDE\n',
    );
    const notApplied = applyMutations({ root, outside, theme: path.join(repo, 'theme') }, mutations);
    if (notApplied.length) return { ok: false, lines: [], notApplied };
    const dist = path.join(root, 'dist');
    rmSync(dist, { recursive: true, force: true });
    cpSync(bench.goodDist, dist, { recursive: true });
    const before = snapshot(dist);
    const outcome = await buildCase(bench, root, dist);
    const problem = outcome.problem ?? judge(outcome, root, dist, before, JSON.stringify(mutations));
    return { ...outcome, problem };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
}

/** Build as the CLI does after its lock: the inputs hash, then build() with the last build's record; what a user would see. */
async function buildCase(bench: Bench, root: string, dist: string): Promise<Outcome & { printed: string[] }> {
  const printed: string[] = [];
  const saved = {
    log: console.log,
    warn: console.warn,
    error: console.error,
    info: console.info,
    debug: console.debug,
  };
  console.log =
    console.warn =
    console.error =
    console.info =
    console.debug =
      (...a: unknown[]) => void printed.push(a.map(String).join(' '));
  try {
    const manifest = { file: recordPath(bench.cacheDir, dist), inputs: inputsHash(root, repo, key) };
    const result = await build(
      options(root, dist, {
        formats,
        session: bench.session,
        cacheDir: bench.cacheDir,
        manifest,
        previous: bench.goodRecord,
        lastValues: bench.goodRecord.values,
      }),
    );
    return {
      ok: true,
      lines: result.diagnostics.map(formatDiagnostic),
      langs: result.editions.map((e) => e.lang),
      printed,
    };
  } catch (e) {
    if (e instanceof BuildFailed) return { ok: false, lines: e.diagnostics.map(formatDiagnostic), printed };
    return {
      ok: false,
      lines: [],
      printed,
      problem: `internal error (the CLI would exit 70): ${(e as Error)?.stack ?? String(e)}`,
    };
  } finally {
    Object.assign(console, saved);
    await settled(bench.session); // (the old output is removed in the background after a swap)
  }
}

function judge(
  outcome: Outcome & { printed: string[] },
  root: string,
  dist: string,
  before: Map<string, string>,
  inserted: string,
): string | undefined {
  const { ok, lines, langs, printed } = outcome;
  if (printed.length) return `printed besides the catalogue lines: ${printed.join('\n')}`;
  const bad = lines.find((l) => !catalogueLine.test(l));
  if (bad !== undefined) return `not a catalogue line: ${JSON.stringify(bad)}`;
  if (readdirSync(root).some((n) => n.startsWith('.dist.staging-'))) return 'a staging folder was left beside dist/';
  if (!ok) {
    if (!lines.some((l) => /^\S.*:\d+:\d+ {2}error {2}/.test(l)))
      return `failed without an error line: ${lines.join('\n')}`;
    if (!isDeepStrictEqual(snapshot(dist), before)) return 'the previous output changed after a failed build';
    return undefined;
  }
  for (const f of ['index.html', ...(langs ?? []).map((l) => `${l}/index.html`)])
    if (!existsSync(path.join(dist, f))) return `built without ${f}`;
  const out = [...snapshot(dist).values()].map((b64) => Buffer.from(b64, 'base64').toString('latin1')).join('');
  if (out.includes('SECRET-OUTSIDE')) return 'a file from outside the report was published';
  // What code prints when it is handed something it did not expect (a number 0 where a figure's is due, an object as text).
  const pages = (langs ?? []).map((l) => readFileSync(path.join(dist, l, 'index.html'), 'utf8')).join('\n');
  // (a label and its number are joined by a no-break space: read as a space)
  const slip = /\[object Object\]|>undefined<|\bNaN\b|(?:Figure|Table|图|表) 0\b/.exec(
    pages.replace(/<script[\s\S]*?<\/script>/g, '').replace(/\u00a0/g, ' '),
  );
  if (slip && !inserted.includes(slip[0].replace(/^>|<$/g, ''))) return `the page shows "${slip[0]}"`;
  return undefined;
}
