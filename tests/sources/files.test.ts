import path from 'node:path';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { listFolder, readText } from '../../scripts/sources/files.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { repo } from '../helpers.js';

function report(): { ctx: BuildContext; root: string; outside: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'files-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'files-outside-'));
  writeFileSync(path.join(outside, 'secret.md'), 'secret');
  mkdirSync(path.join(root, 'content', 'zh'), { recursive: true });
  const ctx = {
    root,
    packageDir: repo,
    diagnostics: new Diagnostics(),
    log: () => undefined,
    cacheDir: path.join(root, '.cache'),
    browser: () => Promise.reject(new Error('none')),
    browserTimeoutMs: 1000,
    session: newSession(),
  };
  return { ctx, root, outside };
}

const lines = (ctx: BuildContext) => ctx.diagnostics.list.map((d) => formatDiagnostic(d).replace(/ — .*/, ''));

describe('reading a report file', () => {
  it('reads UTF-8, without its BOM', () => {
    const { ctx, root } = report();
    writeFileSync(path.join(root, 'a.md'), '\ufeffhello');
    expect(readText(ctx, path.join(root, 'a.md'))).toBe('hello');
    expect(ctx.diagnostics.list).toEqual([]);
  });

  it('refuses a link to outside the report, a link to nothing, a link that loops, a folder, and UTF-16, each with its file', () => {
    const { ctx, root, outside } = report();
    const file = (n: string) => path.join(root, 'content', 'zh', n);
    symlinkSync(path.join(outside, 'secret.md'), file('01-out.md'));
    symlinkSync(file('nothing.md'), file('02-dangling.md'));
    symlinkSync(file('03-loop.md'), file('03-loop.md'));
    mkdirSync(file('04-folder.md'));
    writeFileSync(file('05-utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# 标题', 'utf16le')]));
    for (const n of ['01-out.md', '02-dangling.md', '03-loop.md', '04-folder.md', '05-utf16.md'])
      expect(readText(ctx, file(n))).toBeUndefined();
    expect(lines(ctx)).toEqual([
      `content/zh/01-out.md:1:1  error  The path "content/zh/01-out.md (a link to ${path.join(outside, 'secret.md')})" leads outside the report root`,
      `content/zh/02-dangling.md:1:1  error  Missing file: content/zh/02-dangling.md (a link to ${file('nothing.md')}, which leads to no file)`,
      `content/zh/03-loop.md:1:1  error  Missing file: content/zh/03-loop.md (a link to ${file('03-loop.md')}, which loops back on itself)`,
      'content/zh/04-folder.md:1:1  error  Missing file: content/zh/04-folder.md (a folder, not a file)',
      'content/zh/05-utf16.md:1:1  error  The file is not valid UTF-8 (it is UTF-16)',
    ]);
  });

  it('says which folder of a path is a file or a link that leads nowhere (a looping one too), instead of throwing', () => {
    const { ctx, root } = report();
    writeFileSync(path.join(root, 'data'), 'a file where the folder should be');
    mkdirSync(path.join(root, 'templates'));
    symlinkSync(path.join(root, 'templates', 'strings'), path.join(root, 'templates', 'strings'));
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'templates', 'styles'));
    expect(readText(ctx, path.join(root, 'data', 'charts', 'growth.vl.json'))).toBeUndefined();
    expect(readText(ctx, path.join(root, 'templates', 'strings', 'zh.yaml'))).toBeUndefined();
    expect(listFolder(ctx, path.join(root, 'templates', 'styles'))).toEqual([]);
    expect(lines(ctx)).toEqual([
      'data/charts/growth.vl.json:1:1  error  Missing file: data/charts/growth.vl.json (data is a file, where a folder should be)',
      `templates/strings/zh.yaml:1:1  error  Missing file: templates/strings/zh.yaml (templates/strings is a link to ${path.join(root, 'templates', 'strings')}, which leads to no folder)`,
      `templates/styles:1:1  error  Missing file: templates/styles/ (a link to ${path.join(root, 'nowhere')}, which leads to no folder)`,
    ]);
  });

  it('refuses a file too large to be a text of the report (a video saved as a chapter) without reading it, and reads an empty one as empty', () => {
    const { ctx, root } = report();
    const big = path.join(root, 'content', 'zh', '01-video.md');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024); // (sparse: no disk is used)
    writeFileSync(path.join(root, 'content', 'zh', '02-empty.md'), '');
    expect(readText(ctx, big)).toBeUndefined();
    expect(readText(ctx, path.join(root, 'content', 'zh', '02-empty.md'))).toBe('');
    expect(lines(ctx)).toEqual([
      'content/zh/01-video.md:1:1  error  The file is 65 MB, more than the 64 MB a text file of a report may be',
    ]);
  });

  it('lists a folder without hidden files (an editor’s lock link, a swap file), and says when a file stands where the folder should be', () => {
    const { ctx, root } = report();
    const dir = path.join(root, 'content', 'zh');
    writeFileSync(path.join(dir, '01-main.md'), 'x');
    symlinkSync('user@host.1234:1700000000', path.join(dir, '.#01-main.md')); // what Emacs leaves while a file is being edited
    writeFileSync(path.join(dir, '.01-main.md.swp'), 'x');
    expect(listFolder(ctx, dir)).toEqual(['01-main.md']);
    expect(listFolder(ctx, path.join(root, 'data'))).toBeUndefined();
    writeFileSync(path.join(root, 'data'), 'not a folder');
    expect(listFolder(ctx, path.join(root, 'data'))).toEqual([]);
    expect(lines(ctx)).toEqual(['data:1:1  error  Missing file: data/ (a file, where a folder should be)']);
  });
});
