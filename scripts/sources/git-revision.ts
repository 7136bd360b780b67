import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

/** The report's own files: what a revision must provide to be built again. */
const reportParts = ['report.yaml', 'content', 'data', 'templates'];

/**
 * Write the report as it was at git revision `rev` (a commit, tag or
 * expression such as HEAD~1) into `into`, read from git's object store — no
 * second checkout, the working tree untouched. Returns why not, as a sentence,
 * when it cannot.
 */
export function writeRevision(root: string, rev: string, into: string): string | undefined {
  const git = (args: string[], cwd = root) =>
    execFileSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel']).toString().trim();
  } catch {
    return 'the report folder is not in a git repository';
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], top);
  } catch {
    return 'no such commit or tag';
  }
  const prefix = path.relative(top, root).split(path.sep).join('/');
  const wanted = reportParts.map((p) => (prefix ? `${prefix}/${p}` : p));
  const files = git(['ls-tree', '-r', '-z', '--name-only', rev, '--', ...wanted], top)
    .toString()
    .split('\0')
    .filter(Boolean);
  if (!files.some((f) => f.endsWith('report.yaml'))) return `it has no ${prefix ? `${prefix}/` : ''}report.yaml`;
  for (const f of files) {
    const rel = prefix ? f.slice(prefix.length + 1) : f;
    const dest = path.join(into, rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, git(['show', `${rev}:${f}`], top));
  }
  return undefined;
}
