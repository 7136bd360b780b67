import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, reportCopy } from '../helpers.js';

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
