import path from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../scripts/stages/load-content.js';
import { Diagnostics } from '../../scripts/diagnostics/collector.js';
import { formatDiagnostic } from '../../scripts/diagnostics/catalogue.js';
import { newSession, type BuildContext } from '../../scripts/context.js';
import { MAX_CHAPTER_KB } from '../../scripts/sources/chapter-limits.js';
import { cli, repo, reportCopy } from '../helpers.js';

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
    const ctx: BuildContext = {
      root,
      packageDir: repo,
      diagnostics: new Diagnostics(),
      log: () => undefined,
      cacheDir: path.join(root, '.cache'),
      browser: () => Promise.reject(new Error('none')),
      browserTimeoutMs: 1000,
      session: newSession(),
    };
    expect(loadContent(ctx, 'zh').map((c) => c.file)).toEqual(['content/zh/01-main.md']);
    expect(ctx.diagnostics.list.map((d) => formatDiagnostic(d).replace(/ — .*/, ''))).toEqual([
      'content/zh/02-more.MD:1:1  warning  "02-more.MD" is not read: chapters are NN-slug.md files',
      'content/zh/03-end.markdown:1:1  warning  "03-end.markdown" is not read: chapters are NN-slug.md files',
      'content/zh/04-draft.txt:1:1  warning  "04-draft.txt" is not read: chapters are NN-slug.md files',
    ]);
  });
});

describe('the order of the chapters', () => {
  it('is the order of their numbers, not of their names (2 before 10), with the files without a number last', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'content-'));
    const dir = path.join(root, 'content', 'en');
    mkdirSync(dir, { recursive: true });
    const chapter = (id: string) => `---\nid: ${id}\n---\n\n# Title {#${id}}\n`;
    for (const name of ['10-ten.md', '2-two.md', 'annex.md', '01-one.md'])
      writeFileSync(path.join(dir, name), chapter(name.replace(/\W|md$/g, '')));
    const ctx: BuildContext = {
      root,
      packageDir: repo,
      diagnostics: new Diagnostics(),
      log: () => undefined,
      cacheDir: path.join(root, '.cache'),
      browser: () => Promise.reject(new Error('none')),
      browserTimeoutMs: 1000,
      session: newSession(),
    };
    expect(loadContent(ctx, 'en').map((c) => path.basename(c.file))).toEqual([
      '01-one.md',
      '2-two.md',
      '10-ten.md',
      'annex.md',
    ]);
    expect(ctx.diagnostics.list).toEqual([]);
  });
});

describe('a chapter too large for the build', () => {
  it('is refused before its Markdown is read, with its size and the limit (a 5 MB chapter pair: check fails at once)', async () => {
    const root = reportCopy('mini');
    const paragraphs = (lang: 'zh' | 'en') =>
      Array.from({ length: 40_000 }, (_, i) =>
        lang === 'zh'
          ? `第 ${i} 段：研发投入继续增长，达到 ${i * 7} 亿元，科技创新能力不断增强，产业结构持续优化。`
          : `Paragraph ${i}: R&D spending kept growing, reaching ${i * 7} hundred million yuan; innovation strengthened.`,
      ).join('\n\n');
    for (const lang of ['zh', 'en'] as const) {
      const file = path.join(root, 'content', lang, '01-main.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\[\^n1\]/, `\n${paragraphs(lang)}\n\n[^n1]`));
    }
    const sizes = Object.fromEntries(
      ['zh', 'en'].map((l) => [l, Math.ceil(statSync(path.join(root, 'content', l, '01-main.md')).size / 1024)]),
    );
    const kb = (lang: string) => sizes[lang]!;
    expect(kb('zh')).toBeGreaterThan(4500);
    const r = await cli(['check', '--root', root]);
    rmSync(root, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.includes('  error  '))).toEqual(
      ['zh', 'en'].map(
        (lang) =>
          `content/${lang}/01-main.md:1:1  error  The chapter is ${kb(lang)} KB, more than the ${MAX_CHAPTER_KB} KB a chapter may be; it is not read — split it into chapters of at most ${MAX_CHAPTER_KB} KB (NN-slug.md files, numbered in reading order)  [chapter-too-large]`,
      ),
    );
  });
});

/** Front matter without repetition: the chapter's title is its "#" heading; title: is optional. */
describe('chapter front matter', () => {
  const withEnglishFrontMatter = (edit: (fm: string) => string) => {
    const root = reportCopy('mini');
    const en = path.join(root, 'content', 'en', '01-main.md');
    const text = readFileSync(en, 'utf8');
    const end = text.indexOf('\n---\n', 4);
    writeFileSync(en, edit(text.slice(0, end)) + text.slice(end));
    return root;
  };

  it('needs no title: (the heading is the title), and prints none anyway', async () => {
    const root = withEnglishFrontMatter((fm) => fm.replace(/\ntitle: .*/, ''));
    expect(readFileSync(path.join(root, 'content', 'en', '01-main.md'), 'utf8')).not.toMatch(/^title:/m);
    const r = await cli(['check', '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('warns when title: differs from the heading, saying which wins', async () => {
    const root = withEnglishFrontMatter((fm) => fm.replace(/^title: .*$/m, 'title: A different title'));
    const r = await cli(['check', '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim()).toBe(
      'content/en/01-main.md:3:1  warning  The front matter\'s title "A different title" differs from the chapter\'s heading "I. Test chapter": the heading wins — the title comes from the "#" heading; remove title: from the front matter or make it the same  [title-differs]',
    );
  });
});
