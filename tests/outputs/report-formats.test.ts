import path from 'node:path';
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { readArgs } from '../../scripts/cli/args.js';
import { closeTestBrowser, options, reportCopy } from '../helpers.js';

/**
 * report.yaml `formats:` (#34): a report asks for its DOCX (or text) edition, and a plain build makes it beside
 * the defaults; `--format` still says exactly what to make. The CLI decides the formats before it reads
 * report.yaml: it asks for the default list, whose optional formats (text, DOCX) are made only when listed.
 */
const roots: string[] = [];
afterAll(async () => {
  await closeTestBrowser();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function mini(formats?: string): string {
  const root = reportCopy('mini');
  roots.push(root);
  if (formats) appendFileSync(path.join(root, 'report.yaml'), `formats: ${formats}\n`);
  return root;
}

/** What a plain `npm run build` asks for (without the PDFs, which this test does not need to print). */
const byDefault = () => {
  const args = readArgs(['build']);
  if ('problem' in args) throw new Error(args.problem);
  expect(args.formatsByDefault).toBe(true);
  return { formats: args.formats.filter((f) => f !== 'pdf' && f !== 'press'), formatsByDefault: true };
};

const made = (result: Awaited<ReturnType<typeof build>>) =>
  result.editions.map((e) => [e.lang, Object.keys(e.outputs).sort()]);

describe('formats: in report.yaml', () => {
  it('a plain build asks for every format, the optional ones only if listed; --format names exactly what to make', () => {
    const plain = readArgs(['build']);
    expect('formats' in plain && plain.formats).toEqual(expect.arrayContaining(['html', 'pdf', 'press', 'docx']));
    const named = readArgs(['build', '--format', 'html,pdf']);
    expect('formats' in named && [named.formats, named.formatsByDefault]).toEqual([['html', 'pdf'], false]);
  });

  it('without formats:, a plain build makes no DOCX and no text edition', async () => {
    const root = mini();
    const result = await build(options(root, path.join(root, 'dist'), byDefault()));
    expect(made(result)).toEqual([
      ['zh', ['html']],
      ['en', ['html']],
    ]);
    expect(existsSync(path.join(root, 'dist', 'en', 'mini-report-en.docx'))).toBe(false);
  });

  it('formats: [docx] adds the DOCX edition of each language to a plain build, and nothing else', async () => {
    const root = mini('[docx]');
    const result = await build(options(root, path.join(root, 'dist'), byDefault()));
    expect(made(result)).toEqual([
      ['zh', ['docx', 'html']],
      ['en', ['docx', 'html']],
    ]);
    for (const lang of ['zh', 'en'])
      expect(existsSync(path.join(root, 'dist', lang, `mini-report-${lang}.docx`)), lang).toBe(true);
  });

  it('--format names what to make whatever formats: lists', async () => {
    const root = mini('[docx, text]');
    const html = await build(options(root, path.join(root, 'dist'), { formats: ['html'], formatsByDefault: false }));
    expect(made(html)).toEqual([
      ['zh', ['html']],
      ['en', ['html']],
    ]);
    const text = await build(options(root, path.join(root, 'dist'), { formats: ['html', 'text'] }));
    expect(made(text)).toEqual([
      ['zh', ['html', 'text']],
      ['en', ['html', 'text']],
    ]);
  });
});
