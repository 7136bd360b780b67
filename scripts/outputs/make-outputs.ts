import type { Lang } from '../context.js';
import type { BuildPage } from '../browser/page-pool.js';
import type { BuildRecord } from '../incremental/build-record.js';
import type { ReportConfig } from '../model/config.js';
import { previousOutput } from '../incremental/reuse.js';
import type { EditionJob, MadeOutput, OutputFormat, OutputRecord } from './format.js';
import { outputFormats } from './registry.js';

/** Per format, per edition: what the build made or kept (the build record's `formats`). */
export type OutputRecords = Record<string, Record<string, OutputRecord>>;

export interface OutputsInput {
  /** The formats to make, in registry order (registry.ts resolveFormats). */
  formats: OutputFormat[];
  /** One job per edition, without what the runner adds (the last record, a page). */
  editions: Omit<EditionJob, 'last' | 'page'>[];
  previous?: BuildRecord;
  outDir: string;
  /** The pages opened for a format as the build started (pagesPerEdition × editions), if any. */
  pages: (format: OutputFormat) => Promise<BuildPage[]> | undefined;
  /** Times one format's work under its stage name. */
  stage: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  log: (line: string) => void;
  /** The formats are the default list (no `--format`): an optional format is made only when report.yaml lists it. */
  byDefault?: boolean;
}

/** Whether the report asks for a format: `press:` for the press PDF; an optional one named, or listed in `formats:`. */
export function askedFor(config: ReportConfig, format: OutputFormat, byDefault: boolean | undefined): boolean {
  if (format.asked && !format.asked(config)) return false;
  return !format.optional || !byDefault || !!config.formats?.includes(format.name);
}

export interface OutputsMade {
  records: OutputRecords;
  /** Per edition, what each format made this time (a kept output is absent). */
  made: Record<string, Record<string, MadeOutput>>;
}

/**
 * Make each format of each edition, formats in order (one may print what another staged), the editions of
 * one format at once (Chromium lays each out in its own process). An edition whose key equals the last
 * build's, with the last output's files still as that build wrote them, keeps those files.
 */
export async function makeOutputs(input: OutputsInput): Promise<OutputsMade> {
  const records: OutputRecords = {};
  const made: OutputsMade['made'] = Object.fromEntries(input.editions.map((e) => [e.lang, {}]));
  for (const format of input.formats) {
    if (!input.editions.some((e) => askedFor(e.config, format, input.byDefault))) continue;
    const mine: Record<string, OutputRecord> = (records[format.name] = {});
    const pages = input.pages(format);
    await input.stage(format.stage, () =>
      Promise.all(
        input.editions.map(async (edition, i) => {
          const last = input.previous?.formats[format.name]?.[edition.lang];
          const job: EditionJob = { ...edition, last, page: (await pages)?.[i] };
          const key = format.key?.(job) ?? '';
          if (format.key && last?.key === key && keep(input, job, last.files)) {
            mine[edition.lang] = last;
            input.log(`${format.stage.padEnd(18)} ${edition.lang}: unchanged, kept`);
            return;
          }
          const out = await format.make(job);
          made[edition.lang]![format.name] = out;
          mine[edition.lang] = { key, files: out.files, ...(out.state === undefined ? {} : { state: out.state }) };
          if (out.summary) input.log(`${format.stage.padEnd(18)} ${edition.lang}: ${out.summary}`);
        }),
      ),
    );
  }
  return { records, made };
}

/** Write the last build's files of an output into staging again, if every one is still as it wrote it. */
function keep(input: OutputsInput, job: EditionJob, files: string[]): boolean {
  const bytes = files.map((rel) => previousOutput(input.previous, input.outDir, rel));
  if (!files.length || bytes.some((b) => !b)) return false;
  files.forEach((rel, i) => job.out.write(rel, bytes[i]!));
  return true;
}

/**
 * Dev mode's saves make only the quick formats: the others' last output (the PDFs) is carried into the new
 * output as it was, with its record, until the full build after the author stops typing makes them again.
 */
export function keepUnmade(
  input: Pick<OutputsInput, 'formats' | 'previous' | 'outDir'>,
  langs: Lang[],
  out: EditionJob['out'],
): OutputRecords {
  const records: OutputRecords = {};
  for (const format of outputFormats.filter((f) => !input.formats.includes(f))) {
    for (const lang of langs) {
      const last = input.previous?.formats[format.name]?.[lang];
      if (!last) continue;
      const bytes = last.files.map((rel) => previousOutput(input.previous, input.outDir, rel));
      if (bytes.some((b) => !b)) continue;
      last.files.forEach((rel, i) => out.write(rel, bytes[i]!));
      (records[format.name] ??= {})[lang] = last;
    }
  }
  return records;
}

/** The records of the last build with this build's over them, format by format and edition by edition. */
export function mergeRecords(...layers: (OutputRecords | undefined)[]): OutputRecords {
  const out: OutputRecords = {};
  for (const layer of layers)
    for (const [format, byLang] of Object.entries(layer ?? {})) out[format] = { ...out[format], ...byLang };
  return out;
}
