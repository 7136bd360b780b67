import path from 'node:path';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fontverter from 'fontverter';
import { afterAll, describe, expect, it } from 'vitest';
import { FontFiles } from '../../scripts/fonts/font-files.js';
import { repo } from '../helpers.js';

/**
 * A package's font file decoded from WOFF2 is kept beside the packages (node_modules/.cache/bilingual-report/
 * fonts/), so that a machine decodes it once — not on every cold build of every report —, and is what the
 * decoder makes of the file.
 */
const real = path.join(
  repo,
  'node_modules',
  '@fontsource',
  'source-sans-3',
  'files',
  'source-sans-3-latin-400-normal.woff2',
);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of a real font file in a package of `version` under a node_modules of its own; the folder kept files go to. */
function install(version: string): { file: string; kept: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'font-files-'));
  dirs.push(root);
  const pkg = path.join(root, 'node_modules', '@fontsource', 'source-sans-3');
  mkdirSync(path.join(pkg, 'files'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@fontsource/source-sans-3', version }));
  const file = path.join(pkg, 'files', path.basename(real));
  cpSync(real, file);
  return { file, kept: path.join(root, 'node_modules', '.cache', 'bilingual-report', 'fonts') };
}

describe('decoded font files', () => {
  it('are kept beside the packages and read from there by later sessions', async () => {
    const { file, kept } = install('5.3.0');
    const decoded = Buffer.from(await new FontFiles().sfntOf(file));
    expect(decoded.equals(Buffer.from(await fontverter.convert(readFileSync(real), 'truetype')))).toBe(true);
    const files = readdirSync(kept);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{24}\.ttf$/);
    expect(readFileSync(path.join(kept, files[0]!)).equals(decoded)).toBe(true);
    // A later session reads the kept file instead of decoding: what is there is what it gets.
    writeFileSync(path.join(kept, files[0]!), 'kept bytes');
    expect(Buffer.from(await new FontFiles().sfntOf(file)).toString()).toBe('kept bytes');
  });

  it('are kept apart for another version of the package', async () => {
    const a = install('5.3.0');
    const b = install('5.4.0');
    await new FontFiles().sfntOf(a.file);
    await new FontFiles().sfntOf(b.file);
    expect(readdirSync(a.kept)).not.toEqual(readdirSync(b.kept));
  });

  it('are not kept for a file outside node_modules, nor when a test brings its own decoder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'font-files-'));
    dirs.push(root);
    const loose = path.join(root, 'fonts', path.basename(real));
    mkdirSync(path.dirname(loose));
    cpSync(real, loose);
    await new FontFiles().sfntOf(loose);
    const { file, kept } = install('5.3.0');
    let decodes = 0;
    await new FontFiles(async (bytes) => (decodes++, fontverter.convert(bytes, 'truetype'))).sfntOf(file);
    expect(decodes).toBe(1);
    expect(existsSync(kept)).toBe(false);
    expect(readdirSync(root)).toEqual(['fonts']);
  });
});
