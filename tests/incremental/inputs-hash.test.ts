import path from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { inputsHash } from '../../scripts/incremental/inputs-hash.js';

describe('the inputs hash', () => {
  it('changes when the built-in theme changes (a theme edit rebuilds), not when other files of the package do', () => {
    const pkg = mkdtempSync(path.join(tmpdir(), 'pkg-'));
    const root = mkdtempSync(path.join(tmpdir(), 'report-'));
    const put = (base: string, rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
      writeFileSync(path.join(base, rel), text);
    };
    put(pkg, 'scripts/cli.ts', '// code');
    put(pkg, 'theme/styles/report.css', 'body { color: black; }');
    put(pkg, 'package-lock.json', '{}');
    put(pkg, 'docs/authoring.md', '# docs');
    put(root, 'report.yaml', 'id: r');
    const before = inputsHash(root, pkg, {});
    put(pkg, 'docs/authoring.md', '# docs, edited');
    expect(inputsHash(root, pkg, {})).toBe(before);
    put(pkg, 'theme/styles/report.css', 'body { color: teal; }');
    expect(inputsHash(root, pkg, {})).not.toBe(before);
  });
});
