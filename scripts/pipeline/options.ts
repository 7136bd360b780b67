import type { Browser } from 'puppeteer-core';
import type { Lang, Session } from '../context.js';
import type { Diagnostic } from '../diagnostics/catalogue.js';
import type { FontMode } from '../fonts/edition-fonts.js';
import type { BuildRecord } from '../incremental/build-record.js';
import type { DevCache } from '../incremental/dev-cache.js';
import type { ValueRecord } from '../model/changes.js';
import type { ReportConfig } from '../model/config.js';
import type { EditionHtml } from '../model/edition.js';
import type { MadeOutput } from '../outputs/format.js';
import type { Changes } from '../stages/report-changes/index.js';

export interface BuildOptions {
  root: string;
  outDir: string;
  packageDir: string;
  cacheDir: string;
  langs?: Lang[];
  /** Output formats by name (outputs/registry.ts); HTML and what each needs are added. */
  formats: readonly string[];
  /** `formats` is the default list (no `--format`): an optional format (text, DOCX) only when report.yaml lists it. */
  formatsByDefault?: boolean;
  strict: boolean;
  /** `--pdf-standard ua-1`: as report.yaml's `pdfStandard` (which it overrides). */
  pdfStandard?: 'ua-1';
  /** Seconds since the epoch for the PDF creation date (SOURCE_DATE_EPOCH); else the report's date. */
  sourceDateEpoch?: number;
  browser: () => Promise<Browser>;
  log: (line: string) => void;
  /** `slices` (dev mode): ship the fonts' own slices instead of subsetting them. */
  fonts?: FontMode;
  /** Dev mode's quick builds: keep the last output of the formats not made this time (the PDFs) instead of dropping it. */
  keepOthers?: boolean;
  /** Results kept between builds of one process (dev mode), by a hash of what they were made from. */
  devCache?: DevCache;
  /** Aborting it stops the build (its PDF pages are closed) and leaves the output as it was. */
  signal?: AbortSignal;
  /** The last successful build of this output (to keep unchanged outputs and guess TOC pages). */
  previous?: BuildRecord;
  /** The value record to report changes against (dev mode: the last rebuild's); default: the last build's record. */
  lastValues?: ValueRecord;
  /** Milliseconds any one browser operation may take (default: DEFAULT_BROWSER_TIMEOUT_S). */
  browserTimeoutMs?: number;
  /** Caches kept across builds of one process; a build without one gets its own. */
  session?: Session;
  /** Where to record this build, and the hash of its inputs. */
  manifest?: { file: string; inputs: string };
}

export interface BuildResult {
  /** What the data changed since the last build (its record, summary lines and review page). */
  changes: Changes;
  diagnostics: Diagnostic[];
  config: ReportConfig;
  /** Per edition: its HTML, and what each format made of it this time (an output kept from the last build is absent). */
  editions: { lang: Lang; html: EditionHtml; outputs: Record<string, MadeOutput> }[];
  chartsRendered: number;
  timings: Record<string, number>;
}
