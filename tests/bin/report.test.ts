import path from 'node:path';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { repo } from '../helpers.js';

/**
 * bin/report.js, what `npm run build` runs: the CLI compiled from scripts/ into .cache/cli/<hash>/, compiled again
 * whenever a file of scripts/ changes. Run on a copy of the package (bin/, scripts/, package.json, and the
 * repository's node_modules), so that its sources can be edited.
 */

const pkg = mkdtempSync(path.join(tmpdir(), 'report-bin-'));
afterAll(() => rmSync(pkg, { recursive: true, force: true }));
for (const part of ['bin', 'scripts', 'package.json'])
  cpSync(path.join(repo, part), path.join(pkg, part), { recursive: true });
symlinkSync(path.join(repo, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');

const compiledRoot = path.join(pkg, '.cache', 'cli');
const compiled = () => (existsSync(compiledRoot) ? readdirSync(compiledRoot).sort() : []);
const cliTs = path.join(pkg, 'scripts', 'cli.ts');
const original = readFileSync(cliTs, 'utf8');
/** Where the usage text is (a module the CLI imports: an edit there must be compiled in too). */
const argsTs = path.join(pkg, 'scripts', 'cli', 'args.ts');
const originalArgs = readFileSync(argsTs, 'utf8');

/** `node bin/report.js nonsense`: the CLI prints its usage and exits 2 (nothing else is needed for that). */
function run(): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(pkg, 'bin', 'report.js'), 'nonsense'],
      { cwd: pkg, timeout: 120_000 },
      (err, _stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
      },
    );
  });
}

describe('bin/report.js, the compiled CLI', () => {
  it('compiles scripts/ once, runs the compiled code while the sources are unchanged, and compiles again when one changes', async () => {
    const first = await run();
    expect(first.code, first.stderr).toBe(2);
    expect(first.stderr).toContain('usage: npm run build');
    expect(compiled()).toHaveLength(1);
    const [dir] = compiled();
    const entry = path.join(compiledRoot, dir!, 'cli.js');
    expect(readFileSync(entry, 'utf8'), 'compiled JavaScript, not the TypeScript source').not.toContain('import type');
    const written = statSync(entry).mtimeMs;

    const again = await run();
    expect(again.stderr).toBe(first.stderr);
    expect(compiled(), 'nothing changed: the same compiled folder').toEqual([dir]);
    expect(statSync(entry).mtimeMs, 'and it was not written again').toBe(written);

    expect(originalArgs).toContain('usage: npm run build');
    writeFileSync(argsTs, originalArgs.replace('usage: npm run build', 'usage (edited): npm run build'));
    const edited = await run();
    expect(edited.code).toBe(2);
    expect(edited.stderr, 'the edit is what runs').toContain('usage (edited): npm run build');
    expect(compiled()).toHaveLength(2);

    writeFileSync(argsTs, originalArgs);
    const back = await run();
    expect(back.stderr).toBe(first.stderr);
    expect(compiled(), 'the sources as they were: the first folder again, nothing compiled').toHaveLength(2);
  });

  it('says where scripts/ does not compile, in one line, and exits 70', async () => {
    writeFileSync(cliTs, `${original}\nconst broken = ;\n`);
    try {
      const r = await run();
      expect(r.code).toBe(70);
      const line = original.split('\n').length + 1;
      expect(r.stderr.trim()).toMatch(
        new RegExp(`^bin/report\\.js: could not compile scripts/ — scripts/cli\\.ts:${line}:\\d+  Unexpected ";"$`),
      );
    } finally {
      writeFileSync(cliTs, original);
    }
  });
});
