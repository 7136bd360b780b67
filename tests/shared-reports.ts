import path from 'node:path';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import type { Heading } from '../scripts/model/edition.js';
import type { ReportConfig } from '../scripts/model/config.js';
import type { Lang } from '../scripts/context.js';

/**
 * The repository's own report, built once per test run for the test files that only read it (the e2e
 * project's globalSetup, vitest.config.ts), instead of once per file:
 *
 * - `'real'`: the report as it is (report.yaml, content/, data/, templates/ of the repository), both editions,
 *   HTML and PDF, printed by the Chromium that comes with npm, with a cache of its own (a cold build).
 *   Read by real-report.test.ts and typography.test.ts.
 * - `'web'`: a copy of it with a `baseUrl` (canonical and hreflang links need one), built as a user builds it
 *   (`node bin/report.js build --format html`), and served from localhost by one static server for the
 *   whole run. Read by the web*.test.ts files (web-harness.ts).
 *
 * Each is built on first request, in the vitest process, so a run of unit tests alone builds nothing, and a
 * run of one web test file builds only what it reads. A test file asks for one with `sharedReport(kind)`
 * (over HTTP to the coordinator below: test files run in worker processes). Everything is removed at the end
 * of the run. A test file that changes the report, or that must see a build happen, builds its own.
 */
export interface RealReport {
  /** The dist/ folder. */
  out: string;
  /** The content-hash cache the build filled (for a second build that should reuse it). */
  cacheDir: string;
  /** What the tests read of build()'s result. */
  result: {
    config: ReportConfig;
    editions: { lang: Lang; html: { headings: Heading[] }; pdf?: { pages: number; tocPages: Record<string, number> } }[];
  };
}

export interface WebReport {
  /** The copy of the report (its report.yaml has the baseUrl), and its dist/ below it. */
  root: string;
  /** The static server's address of dist/ (ends in /). */
  url: string;
}

export const BASE_URL = 'https://example.org/report/';

declare module 'vitest' {
  interface ProvidedContext {
    /** The address of the coordinator of the shared builds (tests/shared-reports.ts). */
    sharedReports: string;
  }
}

export async function sharedReport(kind: 'real'): Promise<RealReport>;
export async function sharedReport(kind: 'web'): Promise<WebReport>;
export async function sharedReport(kind: 'real' | 'web'): Promise<RealReport | WebReport> {
  const base = inject('sharedReports');
  if (!base) throw new Error('no shared builds here: run this file in the e2e project (vitest.config.ts), whose globalSetup is tests/shared-reports.ts');
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get(`${base}${kind}`, { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
  const answer = JSON.parse(body) as { value?: RealReport | WebReport; error?: string };
  if (answer.error !== undefined) throw new Error(`the shared ${kind} build failed:\n${answer.error}`);
  return answer.value!;
}

/** globalSetup: the coordinator, on localhost, that builds each kind on its first request and answers every request with it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Imported here, not at the top: the test files that import sharedReport() need none of it.
  const { build } = await import('../scripts/build.js');
  const { serve } = await import('../scripts/dev/static-server.js');
  const { cli, closeTestBrowser, options, repo, reportCopy, testBrowser } = await import('./helpers.js');

  const temp: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  const makers: Record<string, () => Promise<RealReport | WebReport>> = {
    async real() {
      const dir = mkdtempSync(path.join(tmpdir(), 'report-shared-real-'));
      temp.push(dir);
      const out = path.join(dir, 'dist');
      const cacheDir = path.join(dir, 'cache');
      try {
        const result = await build(options(repo, out, { cacheDir, browser: () => testBrowser('bundled') }));
        return {
          out,
          cacheDir,
          result: {
            config: result.config,
            editions: result.editions.map((e) => ({ lang: e.lang, html: { headings: e.html.headings }, pdf: e.pdf && { pages: e.pdf.pages, tocPages: e.pdf.tocPages } })),
          },
        };
      } finally {
        await closeTestBrowser();
      }
    },
    async web() {
      const root = reportCopy('real');
      temp.push(root);
      const config = path.join(root, 'report.yaml');
      const yaml = readFileSync(config, 'utf8');
      writeFileSync(config, /^baseUrl:/m.test(yaml) ? yaml.replace(/^baseUrl:.*$/m, `baseUrl: ${BASE_URL}`) : `${yaml.trimEnd()}\nbaseUrl: ${BASE_URL}\n`);
      const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
      if (r.code !== 0) throw new Error(`build failed:\n${r.stderr}`);
      const server = await serve(path.join(root, 'dist'));
      closers.push(() => server.close());
      return { root, url: server.url };
    },
  };
  const made = new Map<string, Promise<RealReport | WebReport>>();
  const coordinator = http.createServer((req, res) => {
    const kind = (req.url ?? '').slice(1);
    const maker = makers[kind];
    let answer: Promise<{ value?: unknown; error?: string }>;
    if (!maker) answer = Promise.resolve({ error: `no shared build named "${kind}"` });
    else {
      if (!made.has(kind)) made.set(kind, maker());
      answer = made.get(kind)!.then(
        (value) => ({ value }),
        (e: unknown) => ({ error: (e as Error)?.stack ?? String(e) }),
      );
    }
    void answer.then((a) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(a)));
  });
  // A build can take minutes; the request waits for it.
  coordinator.requestTimeout = 0;
  coordinator.timeout = 0;
  await new Promise<void>((resolve) => coordinator.listen(0, '127.0.0.1', resolve));
  const { port } = coordinator.address() as { port: number };
  project.provide('sharedReports', `http://127.0.0.1:${port}/`);

  return async () => {
    await new Promise((resolve) => coordinator.close(resolve));
    await Promise.allSettled(made.values());
    for (const close of closers) await close().catch(() => undefined);
    await closeTestBrowser();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  };
}
