import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { newSession, settled } from '../../scripts/context.js';
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

  it('keeps a note reference on the line of the Chinese character before it', () => {
    expect(paragraph.zh).toMatch(
      /<span class="note-joint">）<sup class="note-ref"><a href="#note-n1"[^>]*>1<\/a><\/sup><\/span>。/,
    );
    // (after a Latin letter or mark no line breaks there: nothing added)
    expect(paragraph.en).toMatch(/Table\u00a01\)<sup class="note-ref">/);
  });
});
