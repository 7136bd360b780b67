import path from 'node:path';
import { existsSync } from 'node:fs';
import { build, type BuildOptions, type BuildResult } from '../build.js';
import { BuildFailed, type Diagnostic } from '../diagnostics/catalogue.js';
import { recordPath, readRecord } from '../incremental/build-record.js';
import type { DevCache } from '../incremental/dev-cache.js';
import { inputsHash } from '../incremental/inputs-hash.js';
import type { ValueRecord } from '../model/changes.js';
import { defaultFormats, outputFormat } from '../outputs/registry.js';

/** A save rebuilds the formats quick enough for every save; the quiet period after the last save, all of them. */
export type RebuildKind = 'each-save' | 'when-idle';

export interface RebuildOptions {
  build: BuildOptions;
  print: (diags: Diagnostic[]) => void;
  /** A browser fault (crash, hang) as the one line to print, or undefined for anything else. */
  fault?: (e: unknown) => string | undefined;
  /** Options that go into the inputs hash of a full build (the same as `npm run build` uses). */
  fullBuildKey: unknown;
}

/** The formats `npm run build` makes, with their names for the log, that a rebuild of this kind makes. */
function formatsFor(kind: RebuildKind) {
  const all = defaultFormats.map((n) => outputFormat(n)!);
  return kind === 'when-idle' ? all : all.filter((f) => f.dev === 'each-save');
}

/**
 * One rebuild of dev mode: what it keeps between rebuilds (results by hash, the last values printed), and
 * what it says. A save's rebuild keeps the slower formats' last output; the idle rebuild is a full build,
 * recorded as `npm run build` records it. Returns whether the output changed (to reload the pages).
 */
export class Rebuilder {
  private readonly devCache: DevCache = new Map();
  /** The values the last rebuild printed: each save is compared with the one before it. */
  private lastValues: ValueRecord | undefined;
  /** Aborts the full build in progress when a save comes in: the quick formats go first. */
  private printing: AbortController | undefined;
  /** The files saved since the last rebuild that succeeded, but for those the rebuild in progress takes in. */
  readonly changed = new Set<string>();

  constructor(private readonly opts: RebuildOptions) {}

  /** Set the full build in progress aside (a file changed). */
  abort(): void {
    this.printing?.abort();
  }

  async run(kind: RebuildKind): Promise<boolean> {
    const t0 = performance.now();
    const full = kind === 'when-idle';
    this.printing = full ? new AbortController() : undefined;
    // The saves this rebuild takes in: one that comes while it runs is the next rebuild's (it was cleared with these
    // when the rebuild ended, and the next said "rebuilt HTML" after no file), and a rebuild that fails gives them back.
    const saved = [...this.changed];
    this.changed.clear();
    try {
      const result = await build(this.optionsFor(kind));
      this.opts.print(result.diagnostics.filter((d) => d.severity === 'error' || full));
      if (this.lastValues && result.changes.lines.length)
        this.opts.build.log(`changed from data:\n  ${result.changes.lines.join('\n  ')}`);
      this.lastValues = result.changes.record;
      this.opts.build.log(
        `rebuilt ${this.describe(kind, result)}${this.savedNames(saved)} in ${Math.round(performance.now() - t0)} ms`,
      );
      return true;
    } catch (e) {
      for (const rel of saved) this.changed.add(rel);
      return this.failed(e);
    } finally {
      this.printing = undefined;
    }
  }

  private optionsFor(kind: RebuildKind): BuildOptions {
    const { root, cacheDir, outDir, packageDir } = this.opts.build;
    const full = kind === 'when-idle';
    const manifestFile = recordPath(cacheDir, outDir);
    return {
      signal: this.printing?.signal,
      ...this.opts.build,
      formats: formatsFor(kind).map((f) => f.name),
      formatsByDefault: true,
      fonts: full ? 'subset' : 'slices',
      devCache: this.devCache,
      keepOthers: !full,
      previous: readRecord(manifestFile),
      lastValues: this.lastValues,
      manifest: full ? { file: manifestFile, inputs: inputsHash(root, packageDir, this.opts.fullBuildKey) } : undefined,
      log: () => undefined,
    };
  }

  /** "HTML", or "HTML and PDF (zh: 12 pages, 1 pass(es), en: kept)": the slow formats' editions named. */
  private describe(kind: RebuildKind, result: BuildResult): string {
    // (a format the report does not ask for is not made, nor named: the press PDF without press:, text or DOCX
    // unless report.yaml lists it)
    const formats = formatsFor(kind).filter(
      (f) => (!f.asked || f.asked(result.config)) && (!f.optional || result.config.formats?.includes(f.name)),
    );
    const slow = formats.filter((f) => f.dev === 'when-idle');
    const editions = result.editions.map(
      (e) => `${e.lang}: ${slow.map((f) => e.outputs[f.name]?.summary ?? 'kept').join(', ')}`,
    );
    return `${formats.map((f) => f.label).join(' and ')}${slow.length ? ` (${editions.join(', ')})` : ''}`;
  }

  /** " after content/zh/01.md": the files saved (an editor's temporary files have come and gone: only those still there). */
  private savedNames(saved: string[]): string {
    const named = saved.filter((rel) => existsSync(path.join(this.opts.build.root, rel)));
    return named.length ? ` after ${named.join(', ')}` : '';
  }

  private failed(e: unknown): false {
    const log = this.opts.build.log;
    if (this.printing?.signal.aborted) {
      log('full build set aside: a file changed');
      return false;
    }
    const fault = e instanceof BuildFailed ? undefined : this.opts.fault?.(e);
    if (fault) {
      console.error(fault);
      log('build failed (the browser); still serving the last good build');
      return false;
    }
    if (!(e instanceof BuildFailed)) throw e;
    this.opts.print(e.diagnostics);
    log(
      `build failed (${e.diagnostics.filter((d) => d.severity === 'error').length} error(s)); still serving the last good build`,
    );
    return false;
  }
}
