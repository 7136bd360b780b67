import path from 'node:path';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../scripts/stages/load-content.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { repo } from '../helpers.js';

describe('the chapters of an edition', () => {
  it('are the .md files of content/<lang>/; a chapter saved under another extension is named, an editor’s hidden files are passed over', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'content-'));
    const dir = path.join(root, 'content', 'zh');
    mkdirSync(dir, { recursive: true });
    const chapter = (id: string) => `---\nid: ${id}\ntitle: 标题\n---\n\n# 标题 {#${id}}\n`;
    writeFileSync(path.join(dir, '01-main.md'), chapter('main'));
    writeFileSync(path.join(dir, '02-more.MD'), chapter('more'));
    writeFileSync(path.join(dir, '03-end.markdown'), chapter('end'));
    writeFileSync(path.join(dir, '04-draft.txt'), chapter('draft'));
    writeFileSync(path.join(dir, 'notes.txt'), 'my notes');
    writeFileSync(path.join(dir, 'figure.png'), 'not text');
    symlinkSync('user@host.1:1', path.join(dir, '.#01-main.md'));
    writeFileSync(path.join(dir, '.01-main.md.swp'), 'x');
    const ctx: BuildContext = { root, packageDir: repo, diagnostics: new Diagnostics(), log: () => undefined, cacheDir: path.join(root, '.cache'), browser: () => Promise.reject(new Error('none')), browserTimeoutMs: 1000, session: newSession() };
    expect(loadContent(ctx, 'zh').map((c) => c.file)).toEqual(['content/zh/01-main.md']);
    expect(ctx.diagnostics.list.map((d) => formatDiagnostic(d).replace(/ — .*/, ''))).toEqual([
      'content/zh/02-more.MD:1:1  warning  "02-more.MD" is not read: chapters are NN-slug.md files',
      'content/zh/03-end.markdown:1:1  warning  "03-end.markdown" is not read: chapters are NN-slug.md files',
      'content/zh/04-draft.txt:1:1  warning  "04-draft.txt" is not read: chapters are NN-slug.md files',
    ]);
  });
});
