import { parseArgs } from 'node:util';
import { DEFAULT_BROWSER_TIMEOUT_S, type Lang } from '../context.js';
import { defaultFormats, formatNames, resolveFormats } from '../outputs/registry.js';

export type Command = 'build' | 'check' | 'dev' | 'changes' | 'review';

/** The command line, checked: what every command reads from it. */
export interface Args {
  command: Command;
  langs?: Lang[];
  /** The formats asked for (with what they need: outputs/registry.ts), by name. */
  formats: string[];
  /** No `--format`: the default list, whose optional formats report.yaml's `formats:` asks for. */
  formatsByDefault: boolean;
  root?: string;
  out?: string;
  strict: boolean;
  pdfStandard?: 'ua-1';
  verbose: boolean;
  quiet: boolean;
  force: boolean;
  browserTimeoutS: number;
  port: number;
  pdfAfterS: number;
  since?: string;
  accept: string[];
  /** `review`: the reviewed DOCX file, and whether to apply its tracked changes to the Markdown. */
  file?: string;
  apply: boolean;
}

export const usage =
  () => `usage: npm run build -- [--lang zh|en] [--format ${formatNames().join('|')}] [--root DIR] [--out DIR] [--strict]
                              [--pdf-standard ua-1] [--force] [--verbose] [--browser-timeout SECONDS]
       npm run check -- [--root DIR] [--strict] [--accept FILE[:LINE]]…
       npm run dev -- [--root DIR] [--out DIR] [--port N] [--pdf-after SECONDS]
       npm run changes -- --since REV [--root DIR] [--out FILE]
       npm run review -- FILE.docx [--root DIR] [--apply]
       npm run new -- DIR`;

const options = {
  lang: { type: 'string', multiple: true },
  format: { type: 'string', multiple: true },
  root: { type: 'string' },
  out: { type: 'string' },
  strict: { type: 'boolean', default: false },
  'pdf-standard': { type: 'string' },
  verbose: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  'browser-timeout': { type: 'string' },
  port: { type: 'string' },
  'pdf-after': { type: 'string' },
  since: { type: 'string' },
  accept: { type: 'string', multiple: true },
  apply: { type: 'boolean', default: false },
} as const;

const commands: readonly string[] = ['build', 'check', 'dev', 'changes', 'review'];

/** argv (after `node report.js`) → Args, or the one line to print before the usage (exit 2). */
export function readArgs(argv: string[]): Args | { problem: string } {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv.slice(1), options, allowPositionals: true }));
  } catch (e) {
    return { problem: (e as Error).message };
  }
  const command = argv[0] ?? '';
  if (command === 'review' && positionals.length !== 1) return { problem: 'review takes one FILE.docx' };
  if (command !== 'review' && positionals.length) return { problem: `unexpected argument "${positionals[0]}"` };
  if (!commands.includes(command)) return { problem: command ? `unknown command "${command}"` : 'no command given' };
  const langs = values.lang?.flatMap((l) => l.split(',')) as Lang[] | undefined;
  if (langs?.some((l) => l !== 'zh' && l !== 'en')) return { problem: '--lang takes zh or en' };
  const asked = values.format?.flatMap((f) => f.split(',')) ?? [...defaultFormats];
  const { formats, unknown } = resolveFormats(asked);
  if (unknown.length) return { problem: `--format takes ${formatNames().join(', ')} (not ${unknown.join(', ')})` };
  const browserTimeoutS = Number(values['browser-timeout'] ?? DEFAULT_BROWSER_TIMEOUT_S);
  if (!(browserTimeoutS > 0)) return { problem: '--browser-timeout takes a number of seconds' };
  const port = Number(values.port ?? 8080);
  const pdfAfterS = Number(values['pdf-after'] ?? 5);
  if (!Number.isInteger(port) || port < 0 || !(pdfAfterS >= 0))
    return { problem: '--port takes a port number, --pdf-after a number of seconds' };
  const pdfStandard = values['pdf-standard'];
  if (pdfStandard !== undefined && pdfStandard !== 'ua-1') return { problem: '--pdf-standard takes ua-1' };
  if (command === 'changes' && !values.since) return { problem: 'changes takes --since REV (a commit or tag)' };
  return {
    command: command as Command,
    langs,
    formats: formats.map((f) => f.name),
    formatsByDefault: values.format === undefined,
    root: values.root,
    out: values.out,
    strict: values.strict,
    pdfStandard,
    verbose: values.verbose,
    quiet: values.quiet,
    force: values.force,
    browserTimeoutS,
    port,
    pdfAfterS,
    since: values.since,
    accept: values.accept ?? [],
    file: positionals[0],
    apply: values.apply,
  };
}
