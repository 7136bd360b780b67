import path from 'node:path';
import http from 'node:http';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'puppeteer-core';
import { closeTestBrowser, httpGet, reportCopy, snapshot, testBrowser } from '../helpers.js';
import { readPdf } from '../pdf.js';
import { Leftovers, alive, descendants, exited, running, signal, waitFor, type Proc, type Run } from '../procs.js';

/**
 * `dev` as a user runs it: the server is started on a copy of the mini report,
 * the Chinese edition is open in a browser, and the chapter is edited under it.
 * A save shows in the open page by live reload; the PDFs follow after the quiet
 * period; a broken save is reported and changes nothing that is served; Ctrl-C
 * stops the server and everything it started.
 *
 * Waits are for events (a line printed, a page showing a word), never for a
 * time; their bounds only say when to give up (the machine may be slow and
 * shared), and a wait that gives up shows all the dev server printed. Each test
 * that saves ends once the PDF rebuild after its save is done: the next one
 * starts with the dev server idle.
 */

const left = new Leftovers();
let root: string;
let dist: string;
let dev: Run;
let url: string;
let context: BrowserContext | undefined;
let page: Page;

const chapterFile = () => path.join(root, 'content', 'zh', '01-main.md');
let original: string;
/**
 * The chapter with `extra` added to its first paragraph (written in place, as most editors save). Each test
 * saves its own word, and waits for what it checks from its own save on: none relies on what another did.
 */
const editChapter = (extra: string) =>
  writeFileSync(chapterFile(), original.replace('2020 年产出为', `2020 年${extra}产出为`));

/** The text the open page shows now ('' while it is being replaced). */
const shown = () => page.evaluate(() => document.body.innerText).catch(() => '');
const norm = (s: string) => s.replace(/\s+/g, '');
const pdfText = async (lang: string) =>
  norm((await readPdf(path.join(dist, lang, `mini-report-${lang}.pdf`))).pages.map((p) => p.text).join(''));

/** Where the output of the dev server stands now: what it prints from here on is `since(mark)`. */
type Mark = { out: number; err: number };
const mark = (): Mark => ({ out: dev.stdout.length, err: dev.stderr.length });
const since = (m: Mark) => ({ out: dev.stdout.slice(m.out), err: dev.stderr.slice(m.err) });

/** All the dev server has printed so far: what a failed wait shows, to say where it stood. */
const devOutput = () => `--- the dev server's stdout:\n${dev.stdout}\n--- its stderr:\n${dev.stderr}`;

/**
 * Wait until `ok` holds, for an event of the dev server (a line printed, a page showing a word); the bound only
 * says when to give up. A wait that fails keeps and shows everything the dev server printed.
 */
async function devWait(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  try {
    await waitFor(what, ok, 240_000, exited(dev));
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${devOutput()}`, { cause: e });
  }
}

/** Wait until the dev server prints a line matching `re` on stdout (or stderr, with `stream`) after `m`. */
async function line(m: Mark, re: RegExp, stream: 'out' | 'err' = 'out'): Promise<void> {
  await devWait(`a line ${re} from the dev server`, () => re.test(since(m)[stream]));
}

/**
 * Wait until a PDF rebuild printed after `m` has `word` in the Chinese PDF (the rebuild of an earlier save,
 * whose quiet period ran out meanwhile, may come first).
 */
async function pdfShows(m: Mark, word: string): Promise<void> {
  let read = 0;
  await devWait(`a PDF rebuild with ${word} in the zh PDF`, async () => {
    const rebuilt = since(m).out.match(/^rebuilt HTML and PDF /gm)?.length ?? 0;
    if (rebuilt === read) return false;
    read = rebuilt;
    return (await pdfText('zh')).includes(word);
  });
}

/**
 * Wait for the PDF rebuild that follows a save (`word`, made after `m`): then the dev server is idle, and the next
 * test's save is not taken in by a rebuild of this one's (which would print its lines after the next test's mark).
 */
const quiet = (m: Mark, word: string) => pdfShows(m, word);

/** Whether anything answers HTTP at `href`. */
function answers(href: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(href, { agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.setTimeout(10_000, () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

beforeAll(async () => {
  root = reportCopy('mini');
  left.dirs.push(root);
  dist = path.join(root, 'dist');
  original = readFileSync(chapterFile(), 'utf8');
  expect(original, 'the fixture has the sentence the tests edit').toContain('2020 年产出为');
  dev = left.start(['dev', '--root', root, '--port', '0', '--pdf-after', '2']);
  await devWait('the dev server to print its address', () => /http:\/\/127\.0\.0\.1:\d+\//.test(dev.stdout));
  url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(dev.stdout)![1]!;
  context = await (await testBrowser()).createBrowserContext();
  page = await context.newPage();
  // Note the page's EventSources, to know when it listens for live reloads (a save before that would go unseen).
  await page.evaluateOnNewDocument(() => {
    const sources: EventSource[] = [];
    (window as unknown as { __sources: EventSource[] }).__sources = sources;
    window.EventSource = class extends window.EventSource {
      constructor(...args: ConstructorParameters<typeof EventSource>) {
        super(...args);
        sources.push(this);
      }
    };
  });
  await page.goto(`${url}zh/index.html`, { waitUntil: 'load' });
  const listening = () =>
    page
      .evaluate(() =>
        (window as unknown as { __sources: EventSource[] }).__sources.some((s) => s.readyState === EventSource.OPEN),
      )
      .catch(() => false);
  await devWait('the page to listen for live reloads', listening);
  // The first PDFs come after the quiet period; start editing once they are done.
  await line({ out: 0, err: 0 }, /^rebuilt HTML and PDF /m);
});

// A test that fails on an assertion (a wait's failure shows it already) shows what the dev server printed too.
beforeEach(({ onTestFailed }) =>
  onTestFailed(({ task }) => {
    if (dev && !task.result?.errors?.some((e) => e.message?.includes("the dev server's stdout")))
      console.error(devOutput());
  }),
);

afterAll(async () => {
  // Whatever happened: the dev server, its Chromium, the page and the copy of the report go.
  if (dev && running(dev)) left.procs.push(...descendants(dev.child.pid!));
  await context?.close().catch(() => undefined);
  await closeTestBrowser();
  await left.cleanUp();
});

describe('npm run dev', () => {
  it('serves the editions, and a save shows in the open page by itself (live reload)', async () => {
    expect(await shown()).toContain('测试章节');
    expect(await shown()).not.toContain('青蛙标记');
    const m = mark();
    editChapter('青蛙标记');
    await devWait('the open page to show the edit', async () => (await shown()).includes('青蛙标记'));
    await line(m, /^rebuilt HTML after content\/zh\/01-main\.md in \d+ ms$/m);
    await quiet(m, '青蛙标记');
  });

  it('rebuilds the PDFs after the quiet period', async () => {
    expect(await pdfText('zh')).not.toContain('蜜蜂标记');
    const m = mark();
    editChapter('蜜蜂标记');
    await pdfShows(m, '蜜蜂标记');
    // The HTML first, then (no save for 2 s) the PDFs.
    const out = since(m).out;
    const html = out.search(/^rebuilt HTML after content\/zh\/01-main\.md in \d+ ms$/m);
    expect(html, out).toBeGreaterThanOrEqual(0);
    expect(out.slice(html), out).toMatch(/^rebuilt HTML and PDF \(zh: \d+ pages, .*\)/m);
  });

  it('reports a broken save, keeps serving the last good build, and rebuilds once it is fixed', async () => {
    // The last good build: a save of this test's own, HTML and PDFs rebuilt.
    const good = mark();
    editChapter('蜘蛛标记');
    await devWait('the open page to show the good save', async () => (await shown()).includes('蜘蛛标记'));
    await pdfShows(good, '蜘蛛标记');
    const before = snapshot(dist);
    const m = mark();
    editChapter('蜘蛛标记 {{num "no-such-value"}} ');
    await line(m, /^content\/zh\/01-main\.md:\d+:\d+  error  .*\[unknown-value\]$/m, 'err');
    await line(m, /^build failed \(1 error\(s\)\); still serving the last good build/m);
    expect(since(m).out).not.toMatch(/^rebuilt /m);
    expect(await shown()).toContain('蜘蛛标记');
    expect(await shown()).not.toContain('no-such-value');
    const served = (await httpGet(`${url}zh/index.html`)).body;
    expect(served).toContain('蜘蛛标记');
    expect(served).not.toContain('no-such-value');
    expect(snapshot(dist), 'dist/ is the last good build').toEqual(before);

    const fixed = mark();
    editChapter('蜻蜓标记');
    await devWait('the open page to show the fixed chapter', async () => (await shown()).includes('蜻蜓标记'));
    await line(fixed, /^rebuilt HTML after content\/zh\/01-main\.md/m);
    await pdfShows(fixed, '蜻蜓标记');
  });

  it('sees saves made by renaming a new file over the old one (sed -i, "safe write" editors), every time', async () => {
    for (const word of ['蝴蝶标记', '蚂蚁标记']) {
      const m = mark();
      const tmp = `${chapterFile()}.new`;
      writeFileSync(tmp, original.replace('2020 年产出为', `2020 年${word}产出为`));
      renameSync(tmp, chapterFile());
      await devWait(`the open page to show ${word}`, async () => (await shown()).includes(word));
      await line(m, /^rebuilt HTML after content\/zh\/01-main\.md in \d+ ms$/m);
      if (word === '蚂蚁标记') await quiet(m, word);
    }
  });
});

describe('npm run dev, when its Chromium dies', () => {
  it('starts a new one for the next build that needs it, says so, and prints the PDFs again', async () => {
    const chromium = descendants(dev.child.pid!).filter((p) => /chrom/i.test(p.args) && p.ppid === dev.child.pid);
    expect(chromium.length, 'the dev server has its Chromium (it printed the PDFs)').toBe(1);
    left.procs.push(...descendants(dev.child.pid!));
    signal(chromium[0]!.pid, 'SIGKILL');
    await waitFor('the Chromium to be gone', () => !alive(chromium[0]!), 60_000);
    const m = mark();
    editChapter('蜗牛标记');
    await line(m, /^rebuilt HTML after content\/zh\/01-main\.md/m);
    await line(m, /^rebuilt HTML and PDF \(zh: \d+ pages/m);
    expect(since(m).out.match(/^browser: .*$/gm)).toEqual([
      expect.stringMatching(/^browser: Chromium had stopped \(crashed or killed\); starting it again$/),
    ]);
    expect(since(m).err).not.toMatch(/internal error|^\s+at /m);
    expect(await pdfText('zh')).toContain('蜗牛标记');
    const now = descendants(dev.child.pid!).filter((p) => /chrom/i.test(p.args) && p.ppid === dev.child.pid);
    expect(now.map((p) => p.pid)).not.toContain(chromium[0]!.pid);
  });
});

describe('npm run dev, stopped with Ctrl-C (SIGINT)', () => {
  /**
   * Ctrl-C, once, whichever test asks first: what ran before (the dev server's processes, its Chromium among
   * them; whether its port answered) and how it ended. Each test below asks for it, and so runs alone too.
   */
  type Stopped = {
    procs: Proc[];
    answered: boolean;
    lockHeld: boolean;
    code: number | null;
    signal: NodeJS.Signals | null;
    lockLeft: boolean;
  };
  let stopping: Promise<Stopped> | undefined;
  const lockFile = () => path.join(root, 'dist.lock');
  const stop = () =>
    (stopping ??= (async () => {
      const procs = descendants(dev.child.pid!);
      left.procs.push(...procs);
      const answered = await answers(url);
      const lockHeld = existsSync(lockFile());
      signal(dev.child.pid!, 'SIGINT');
      await waitFor('the dev server to exit', () => !running(dev), 120_000);
      const { code, signal: sig } = await dev.exit;
      return { procs, answered, lockHeld, code, signal: sig, lockLeft: existsSync(lockFile()) };
    })());

  it('stops serving and leaves no process behind (no Chromium)', async () => {
    const { procs, answered, signal: sig } = await stop();
    expect(
      procs.filter((p) => /chrom/i.test(p.args)).length,
      'the dev server had a Chromium (it printed the PDFs)',
    ).toBeGreaterThan(0);
    expect(answered, 'it answered before').toBe(true);
    expect(sig, 'it exits by itself, not by the signal').toBeNull();
    expect(dev.stderr).not.toMatch(/^\s+at /m);
    expect(await answers(url), 'the port no longer answers').toBe(false);
    await waitFor(
      'every process the dev server started (Chromium, esbuild) to be gone',
      () => !procs.some(alive),
      60_000,
    );
  });

  // Puppeteer's own SIGINT handler used to exit(130) before the graceful stop finished (launchBrowser now
  // turns it off).
  it('exits with code 0 and releases dist.lock', async () => {
    const { code, lockHeld, lockLeft } = await stop();
    expect(lockHeld, 'the dev server held dist.lock while it ran').toBe(true);
    expect(code, dev.stderr).toBe(0);
    expect(lockLeft, 'dist.lock is left behind').toBe(false);
  });
});
