import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPagesOf } from '../../scripts/stages/report-changes/pages.js';
import { sentenceAt } from '../../scripts/stages/report-changes/sentences.js';
import { makesClaim } from '../../scripts/stages/report-changes/summary.js';
import { cli, reportCopy } from '../helpers.js';

const wait = 600_000;

/** A PDF of one page per text, drawn with a standard font. */
async function pdfOf(texts: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const t of texts) doc.addPage([300, 200]).drawText(t, { x: 20, y: 100, size: 12, font });
  return doc.save();
}

describe('the pages of a PDF, as the change report reads them', () => {
  it('are read once per PDF: a later build comparing with it takes them from the cache, and only a few readings are kept', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'pages-'));
    try {
      const bytes = await pdfOf(['first page 1,510.81', 'second page']);
      const read = await pdfPagesOf(cache, bytes);
      expect(read.texts).toEqual(['first page 1,510.81', 'second page']);
      expect(read.hashes).toHaveLength(2);
      const [file] = readdirSync(path.join(cache, 'changes', 'pages'));
      // What the cache holds is what a later reading of the same bytes gives (the PDF is not read again).
      const kept = path.join(cache, 'changes', 'pages', file!);
      writeFileSync(kept, JSON.stringify({ texts: ['from the cache', 'x'], hashes: ['a', 'b'] }));
      expect((await pdfPagesOf(cache, bytes)).texts[0]).toBe('from the cache');
      // A reading cut short is read again.
      writeFileSync(kept, '{"texts": [');
      expect(await pdfPagesOf(cache, bytes)).toEqual(read);
      // Another PDF (one value changed) is read on its own, and its second page hashes the same.
      const other = await pdfPagesOf(cache, await pdfOf(['first page 1,610.81', 'second page']));
      expect(other.hashes[0]).not.toBe(read.hashes[0]);
      expect(other.hashes[1]).toBe(read.hashes[1]);
      for (let i = 0; i < 10; i++) await pdfPagesOf(cache, await pdfOf([`page ${i}`]));
      expect(readdirSync(path.join(cache, 'changes', 'pages'))).toHaveLength(8);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('the sentence around a value', () => {
  const print = {
    value: (id: string) => ({ a: '1,510.81', b: '90.7%' })[id],
    ref: (ids: string[]) => (ids.join() === 'fig:x' ? 'Figure 3' : undefined),
  };

  it('is cut from its paragraph, placeholders printed, marks and note markers dropped, the value marked', () => {
    const body =
      'Intro line.\n\nFirst sentence here. Output was {{num "a"}} in **2020**, a share of {{num "b"}} ({{ref "fig:x"}})[^n1]. Last one.\n';
    const col = body.split('\n')[2]!.indexOf('{{num "a"}}') + 1;
    expect(sentenceAt(body, 5, 7, col, print)).toBe(
      'Output was \u00011,510.81\u0002 in 2020, a share of 90.7% (Figure 3).',
    );
  });

  it('ends Chinese sentences at 。 and marks the right one of two uses', () => {
    const body = '前一句。2020 年为 {{num "a"}}，占 {{num "b"}}。后一句。';
    const col = body.indexOf('{{num "b"}}') + 1;
    expect(sentenceAt(body, 1, 1, col, print)).toBe('2020 年为 1,510.81，占 \u000190.7%\u0002。');
  });

  it('flags sentences that compare or rank, not the value itself', () => {
    expect(makesClaim('深圳研发经费为 \u00011610.81 亿元\u0002，居全国前列，为历年最高。', 'zh')).toBe(true);
    expect(makesClaim('Output was \u0001RMB 161 billion\u0002, the highest on record.', 'en')).toBe(true);
    expect(makesClaim('Output was \u0001RMB 161 billion\u0002 in 2020.', 'en')).toBe(false);
    expect(makesClaim('2020 年产出为 \u00011610.81\u0002。', 'zh')).toBe(false);
  });
});

describe('a rebuild after a data edit says what changed', () => {
  let root: string;
  let first: Awaited<ReturnType<typeof cli>>;
  let second: Awaited<ReturnType<typeof cli>>;
  let firstPage: string;
  const file = (rel: string) => path.join(root, rel);

  beforeAll(async () => {
    root = reportCopy('mini');
    // A value no chapter prints (to be removed), and a sentence that ranks the value, in both editions.
    appendFileSync(file('data/shares.csv'), 'share-2019,80.1,percent,text\n');
    appendFileSync(file('content/zh/01-main.md'), '\n2020 年的 {{num "output-2020"}} 为历年最高。\n');
    appendFileSync(file('content/en/01-main.md'), '\nThe {{num "output-2020"}} of 2020 is the highest on record.\n');
    first = await cli(['build', '--root', root]);
    firstPage = readFileSync(file('dist/changes.html'), 'utf8');
    const shares = readFileSync(file('data/shares.csv'), 'utf8').replace(
      'share-2019,80.1,percent,text\n',
      'share-2021,91.2,percent,text\n',
    );
    writeFileSync(file('data/shares.csv'), shares);
    writeFileSync(
      file('data/growth.csv'),
      readFileSync(file('data/growth.csv'), 'utf8').replace('output-2020,2020,1510.81', 'output-2020,2020,1610.81'),
    );
    second = await cli(['build', '--root', root]);
  }, wait);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('says nothing on a first build', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).not.toContain('changed since the last build');
    expect(firstPage).toContain('First build');
  });

  it('prints each changed value with its old and new value and where it appears in both editions, with PDF pages', () => {
    expect(second.code, second.stderr).toBe(0);
    const line = second.stdout.split('\n').find((l) => l.trim().startsWith('output-2020'));
    expect(line).toMatch(
      /output-2020\s+1510\.81 → 1610\.81\s+\(zh 01-main\.md:10 p\.\d+, zh 01-main\.md:\d+ p\.\d+, en 01-main\.md:\d+ p\.\d+, en 01-main\.md:\d+ p\.\d+; figure 1; table 2\)/,
    );
  });

  it('lists the added and the removed value, the redrawn chart and the changed pages of each PDF', () => {
    expect(second.stdout).toMatch(/share-2021\s+added: 91\.2/);
    expect(second.stdout).toMatch(/share-2019\s+removed \(was 80\.1\)/);
    expect(second.stdout).toMatch(/chart fig:growth \(figure 1\) redrawn: zh, en/);
    expect(second.stdout).toMatch(/zh PDF pages changed: \d/);
    expect(second.stdout).toMatch(/en PDF pages changed: \d/);
  });

  it('finds each use on the page it landed on', async () => {
    const line = second.stdout.split('\n').find((l) => l.trim().startsWith('output-2020'))!;
    const pages = [...line.matchAll(/(zh|en) 01-main\.md:\d+ p\.(\d+)/g)].map((m) => ({
      lang: m[1]!,
      page: Number(m[2]),
    }));
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (const { lang, page } of pages) {
      const doc = await pdfjs.getDocument({
        data: new Uint8Array(readFileSync(file(`dist/${lang}/mini-report-${lang}.pdf`))),
        verbosity: 0,
      }).promise;
      const text = (await (await doc.getPage(page)).getTextContent()).items
        .map((i) => ('str' in i ? i.str : ''))
        .join('')
        .replace(/\s+/g, '');
      expect(text, `${lang} p.${page}`).toContain(lang === 'zh' ? '1610.81' : '161.08');
      await doc.destroy();
    }
  });

  it('writes dist/changes.html: sentences before and after in both languages, a reread flag on the ranking sentence, the chart before and after', () => {
    const html = readFileSync(file('dist/changes.html'), 'utf8');
    const section = html.slice(
      html.indexOf('id="value-output-2020"'),
      html.indexOf('</section>', html.indexOf('id="value-output-2020"')),
    );
    expect(section).toMatch(/<del>1510\.81[^<]*<\/del>/);
    expect(section).toMatch(/<ins>1610\.81[^<]*<\/ins>/);
    expect(section).toMatch(/<del>RMB 151\.08 billion<\/del>/);
    expect(section).toMatch(/<ins>RMB 161\.08 billion<\/ins>/);
    expect(section).toContain('为历年最高');
    expect(section).toContain('the highest on record');
    expect(section.match(/Reread: the claim may no longer hold/g)?.length).toBe(2);
    const charts = html.slice(html.indexOf('Redrawn charts'));
    expect(charts.match(/<svg/g)?.length).toBe(4);
    expect(html).toMatch(/Chinese edition: \d/);
    for (const lang of ['zh', 'en'])
      expect(readFileSync(file(`dist/${lang}/index.html`), 'utf8')).not.toContain('changes.html');
  });
});

describe('npm run changes -- --since REV', () => {
  let root: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });

  beforeAll(() => {
    root = reportCopy('mini');
    git('init', '-q');
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'published edition');
    git('tag', 'published');
    writeFileSync(
      path.join(root, 'data/growth.csv'),
      readFileSync(path.join(root, 'data/growth.csv'), 'utf8').replace('1510.81', '1499.5'),
    );
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qam', 'data update');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(
    'reports a commit that changed data, read from git, without building dist/',
    async () => {
      const r = await cli(['changes', '--root', root, '--since', 'HEAD~1', '--out', path.join(root, 'out.html')]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /output-2020\s+1510\.81 → 1499\.5\s+\(zh 01-main\.md:10, en 01-main\.md:\d+; figure 1; table 2\)/,
      );
      expect(readFileSync(path.join(root, 'out.html'), 'utf8')).toContain('<ins>1499.5');
      expect(() => readFileSync(path.join(root, 'dist/changes.html'))).toThrow();
    },
    wait,
  );

  it(
    'reports a tag the same way, and an unknown revision as one catalogue line',
    async () => {
      const ok = await cli(['changes', '--root', root, '--since', 'published', '--out', path.join(root, 'out.html')]);
      expect(ok.stdout).toContain('1510.81 → 1499.5');
      const bad = await cli(['changes', '--root', root, '--since', 'no-such-tag']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(
        /^\.:1:1  error  Cannot read the report at git revision "no-such-tag": no such commit or tag — .*\[git-revision\]$/m,
      );
      expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
    },
    wait,
  );
});
