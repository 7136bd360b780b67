import path from 'node:path';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Diagnostics } from '../diagnostics/collector.js';
import { formatDiagnostic } from '../diagnostics/catalogue.js';

/**
 * `npm run new -- DIR`: a starter bilingual report (this package's starter/)
 * written into a new or empty folder, ready to build. Its files are copied as
 * they are (the English chapter's sidecar too: it records the Chinese text each
 * English unit translates), but for two placeholders: __REPORT_ID__ (from the
 * folder's name) and __DATE__ (today). A file named `gitignore` is written as
 * `.gitignore`.
 */
export interface NewReportOptions {
  packageDir: string;
  /** Today, YYYY-MM-DD (the CLI reads the clock). */
  today: string;
}

export function newReport(args: string[], opts: NewReportOptions): { code: number; stdout: string; stderr: string } {
  const usage = 'usage: npm run new -- DIR   (DIR: a new or empty folder)';
  if (args.length !== 1 || args[0]!.startsWith('-')) return { code: 2, stdout: '', stderr: usage };
  const shown = args[0]!;
  const dir = path.resolve(shown);
  const problem = notEmpty(dir);
  if (problem) {
    const diagnostics = new Diagnostics();
    diagnostics.report('not-empty', { file: shown }, [problem]);
    return { code: 1, stdout: '', stderr: formatDiagnostic(diagnostics.list[0]!) };
  }
  const starter = path.join(opts.packageDir, 'starter');
  const files = filesUnder(starter);
  const values: Record<string, string> = {
    __REPORT_ID__: reportId(path.basename(dir)),
    __DATE__: opts.today,
  };
  for (const f of files) {
    const text = readFileSync(path.join(starter, f), 'utf8').replace(/__(REPORT_ID|DATE)__/g, (m) => values[m]!);
    const target = path.join(dir, f === 'gitignore' ? '.gitignore' : f);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const lines = [
    `wrote a starter report to ${shown} (${files.length} files)`,
    `next: npm run build -- --root ${shown}   (or: npm run dev -- --root ${shown})`,
    `then edit ${path.join(shown, 'report.yaml')}, content/ and data/; ${path.join(shown, 'README.md')} says what each file is`,
  ];
  return { code: 0, stdout: lines.join('\n'), stderr: '' };
}

/** Why `dir` cannot take a new report, or '' when it is new or empty. */
function notEmpty(dir: string): string {
  if (!existsSync(dir)) return '';
  if (!statSync(dir).isDirectory()) return 'it is a file';
  const entries = readdirSync(dir).sort();
  if (entries.length === 0) return '';
  return `it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? `, … (${entries.length} entries)` : ''}`;
}

/** A report id from a folder name: lowercase letters, digits and hyphens. */
function reportId(name: string): string {
  const id = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'new-report';
}

/** Every file under `dir`, relative, with forward slashes, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix))
    .sort()
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(path.join(dir, rel)).isDirectory() ? filesUnder(dir, rel) : [rel];
    });
}
