import path from 'node:path';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import type { RealReport, WebReport } from './shared-reports.js';
import type { PdfState } from '../scripts/outputs/pdf/index.js';

/** What the readers use of a printed edition's state. */
const pdfOf = (state?: PdfState) => state && { pages: state.pages, tocPages: state.tocPages };

// (This runs in the vitest process, not in a test worker: nothing here may import 'vitest' itself, nor
// shared-reports.ts but for its types.)

/** The address the web tests' copy of the report says it is published at (canonical and hreflang links need one). */
export const BASE_URL = 'https://example.org/report/';

/**
 * globalSetup: the coordinator, on localhost, that builds each kind (starting those that the run's files read
 * at once) and answers every request for it with the one build.
 */
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
            editions: result.editions.map((e) => ({
              lang: e.lang,
              html: { headings: e.html.headings },
              pdf: pdfOf(e.outputs.pdf?.state as PdfState | undefined),
            })),
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
      writeFileSync(
        config,
        /^baseUrl:/m.test(yaml)
          ? yaml.replace(/^baseUrl:.*$/m, `baseUrl: ${BASE_URL}`)
          : `${yaml.trimEnd()}\nbaseUrl: ${BASE_URL}\n`,
      );
      const r = await cli(['build', '--root', root, '--format', 'html', '--quiet']);
      if (r.code !== 0) throw new Error(`build failed:\n${r.stderr}`);
      const server = await serve(path.join(root, 'dist'));
      closers.push(() => server.close());
      return { root, url: server.url };
    },
  };
  const made = new Map<string, Promise<RealReport | WebReport>>();
  const start = (kind: string) => {
    if (!made.has(kind)) {
      const p = makers[kind]!();
      p.catch(() => undefined); // (reported to the files that ask for it)
      made.set(kind, p);
    }
    return made.get(kind)!;
  };
  // Start now what the files of this run will ask for, so that it is built while the first files run: the
  // run's files as vitest has collected them (state.getPaths(), before the workers start); where that
  // cannot be read, each is built on its first request.
  let files: string[] = [];
  try {
    files = project.vitest.state.getPaths();
  } catch {
    // (built on request)
  }
  const readers: Record<string, RegExp> = {
    real: /tests\/e2e\/(real-report|typography)\.test\.ts$/,
    web: /tests\/e2e\/web[\w-]*\.test\.ts$/,
  };
  for (const [kind, re] of Object.entries(readers))
    if (files.some((f) => re.test(f.replaceAll('\\', '/')))) start(kind);

  const coordinator = http.createServer((req, res) => {
    const kind = (req.url ?? '').slice(1);
    const maker = makers[kind];
    let answer: Promise<{ value?: unknown; error?: string }>;
    if (!maker) answer = Promise.resolve({ error: `no shared build named "${kind}"` });
    else {
      answer = start(kind).then(
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
