import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
import { joined } from '../../scripts/locale/no-break.js';
import { options, reportCopy } from '../helpers.js';

/*
 * A number is never split from its unit or label at a line's end, nor a note's number from the text it
 * follows: the mini report built, its paragraph read back from each edition's page.
 */
let root: string;
const paragraph: Record<string, string> = {};

beforeAll(async () => {
  root = reportCopy('mini');
  const session = newSession();
  await build(options(root, path.join(root, 'dist'), { formats: ['html'], session }));
  await settled(session);
  for (const lang of ['zh', 'en']) {
    const html = readFileSync(path.join(root, 'dist', lang, 'index.html'), 'utf8');
    paragraph[lang] = /<p id="growth\.p1">[^]*?<\/p>/.exec(html)![0];
  }
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('numbers kept with their units, labels and notes', () => {
  it('joins {{num}} to its unit with no-break spaces', () => {
    expect(paragraph.zh).toContain('1510.81\u00a0亿元');
    expect(paragraph.en).toContain('RMB\u00a0151.08\u00a0billion');
  });

  it('joins {{ref}} "图 1" / "Figure 1" with a no-break space', () => {
    expect(paragraph.zh).toContain('图\u00a01、表\u00a01');
    expect(paragraph.en).toContain('Figure\u00a01, Table\u00a01');
  });

  it('joins a note reference to the text before it with a word joiner', () => {
    for (const lang of ['zh', 'en'])
      expect(paragraph[lang]).toMatch(/<sup class="note-ref">\u2060<a href="#note-n1"[^>]*>1<\/a><\/sup>/);
  });

  it('joins a label and a number written without a space by a word joiner', () => {
    expect(joined('图', '', 3)).toBe('图\u20603');
    expect(joined('Figure', ' ', 3)).toBe('Figure\u00a03');
  });
});
