import path from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repo } from './helpers.js';

/** The layout docs/architecture.md draws, checked against the code. */
const scripts = path.join(repo, 'scripts');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? filesUnder(abs) : abs.endsWith('.ts') ? [abs] : [];
  });
}

/** Each relative import of a module, resolved to a path under scripts/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.relative(scripts, path.resolve(path.dirname(file), m[1]!)).replace(/\.js$/, '.ts'),
  );
}

const layerOf = (rel: string) => (rel.includes(path.sep) ? rel.split(path.sep)[0]! : rel);
const stageOf = (rel: string) => rel.split(path.sep)[1]!.replace(/\.ts$/, '');
const shared = ['sources', 'diagnostics', 'locale', 'fonts', 'browser', 'incremental', 'model', 'units', 'types'];

describe('the layout of scripts/', () => {
  const all = filesUnder(scripts).map((f) => path.relative(scripts, f));

  it('keeps only the entry points at the top and the rest in concern folders', () => {
    expect(all.filter((f) => !f.includes(path.sep)).sort()).toEqual(['build.ts', 'cli.ts', 'context.ts']);
    const folders = new Set(all.filter((f) => f.includes(path.sep)).map(layerOf));
    expect(folders.size).toBeGreaterThanOrEqual(5);
    for (const f of folders)
      expect([...shared, 'stages', 'outputs', 'pipeline', 'cli', 'dev', 'scaffold', 'review-docx']).toContain(f);
  });

  it('has no stage importing another stage, and no shared layer importing a stage or an entry point', () => {
    const wrong: string[] = [];
    for (const f of all) {
      for (const target of importsOf(path.join(scripts, f))) {
        const from = layerOf(f);
        const to = layerOf(target);
        if (from === 'stages' && to === 'stages' && stageOf(f) !== stageOf(target)) wrong.push(`${f} → ${target}`);
        if (
          shared.includes(from) &&
          (to === 'stages' || to === 'dev' || to === 'scaffold' || ['build.ts', 'cli.ts'].includes(to))
        )
          wrong.push(`${f} → ${target}`);
        if (from === 'stages' && ['build.ts', 'cli.ts', 'cli', 'pipeline', 'outputs', 'dev', 'scaffold'].includes(to))
          wrong.push(`${f} → ${target}`);
        if (shared.includes(from) && ['outputs', 'pipeline', 'cli'].includes(to)) wrong.push(`${f} → ${target}`);
        if (from === 'pipeline' && ['build.ts', 'cli.ts', 'cli', 'dev', 'scaffold'].includes(to))
          wrong.push(`${f} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has each output format import only shared layers, never a stage, the orchestrator or another format', () => {
    const wrong: string[] = [];
    for (const f of all.filter((f) => layerOf(f) === 'outputs')) {
      const own = f.split(path.sep)[1]!;
      for (const target of importsOf(path.join(scripts, f))) {
        const to = layerOf(target);
        if (['stages', 'pipeline', 'cli', 'dev', 'scaffold', 'build.ts', 'cli.ts'].includes(to))
          wrong.push(`${f} → ${target}`);
        const format = to === 'outputs' && target.split(path.sep).length > 2 ? target.split(path.sep)[1]! : undefined;
        // A format's folder may be imported by the registry (outputs/*.ts), never by another format's folder.
        if (format && f.split(path.sep).length > 2 && format !== own) wrong.push(`${f} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("registers every output format folder in outputs/registry.ts, and nothing outside outputs/ names a format but the build's PDF link and change report", () => {
    const folders = [
      ...new Set(
        all.filter((f) => layerOf(f) === 'outputs' && f.split(path.sep).length > 2).map((f) => f.split(path.sep)[1]!),
      ),
    ];
    const registry = readFileSync(path.join(scripts, 'outputs', 'registry.ts'), 'utf8');
    for (const folder of folders)
      expect(registry, `outputs/${folder} is registered`).toContain(`from './${folder}/index.js'`);
    const naming = all.filter(
      (f) =>
        !f.startsWith(`outputs${path.sep}`) &&
        /'html' \| 'pdf'|formats\.includes\('pdf'\)/.test(readFileSync(path.join(scripts, f), 'utf8')),
    );
    expect(naming).toEqual([]);
  });

  it('has each shared layer import only the layers docs/architecture.md allows it', () => {
    const allowed: Record<string, string[]> = {
      model: ['context.ts', 'locale'],
      sources: ['context.ts', 'diagnostics'],
      diagnostics: ['context.ts'],
      locale: ['context.ts'],
      fonts: ['context.ts'],
      browser: ['context.ts', 'diagnostics'],
      incremental: ['diagnostics', 'model'],
      units: ['context.ts', 'model'],
      'review-docx': ['model'],
    };
    const wrong: string[] = [];
    for (const f of all) {
      const from = layerOf(f);
      if (!allowed[from]) continue;
      for (const target of importsOf(path.join(scripts, f))) {
        const to = layerOf(target);
        if (to !== from && !allowed[from]!.includes(to)) wrong.push(`${f} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps every file of scripts/ and bench/ under 300 lines', () => {
    const long = [...filesUnder(scripts), ...filesUnder(path.join(repo, 'bench'))]
      .map((f) => [path.relative(repo, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });

  it('keeps no state in module globals (caches live in the session the caller owns)', () => {
    // A top-level `let`/`var`, or a `const` that starts an empty container (to be filled later): `= {}`, `= []`,
    // `= new Map<K, V>()`, `Object.create(null)`. The type annotation may hold `=>` (a function type), which is
    // not the `=` of the declaration. Tables that are written out in full (`= { zh: 'Chinese', … }`) are constants.
    const state =
      /^(?:let |var |(?:export )?const \w+(?:\s*:[^\n]*?)?\s*=(?![=>])\s*(?:\{\s*\}|\[\s*\]|new (?:Map|Set|WeakMap|WeakSet|Ajv)\b|Object\.create\())/m;
    expect(all.filter((f) => state.test(readFileSync(path.join(scripts, f), 'utf8')))).toEqual([]);
  });
});
