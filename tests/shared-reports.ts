import http from 'node:http';
import { inject } from 'vitest';
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
 * Each is built in the vitest process, from the start of a run whose files read it (or on the first request),
 * so a run of unit tests alone builds nothing, and a run of one web test file builds only what it reads. A
 * test file asks for one with `sharedReport(kind)`, over HTTP to the coordinator (shared-reports-setup.ts:
 * test files run in other processes). Everything is removed at the end of the run. A test file that changes
 * the report, or that must see a build happen, builds its own.
 */
export interface RealReport {
  /** The dist/ folder. */
  out: string;
  /** The content-hash cache the build filled (for a second build that should reuse it). */
  cacheDir: string;
  /** What the tests read of build()'s result. */
  result: {
    config: ReportConfig;
    editions: {
      lang: Lang;
      html: { headings: Heading[] };
      pdf?: { pages: number; tocPages: Record<string, number> };
    }[];
  };
}

export interface WebReport {
  /** The copy of the report (its report.yaml has the baseUrl), and its dist/ below it. */
  root: string;
  /** The static server's address of dist/ (ends in /). */
  url: string;
}

export { BASE_URL } from './shared-reports-setup.js';

declare module 'vitest' {
  interface ProvidedContext {
    /** The address of the coordinator of the shared builds (tests/shared-reports-setup.ts). */
    sharedReports: string;
  }
}

export async function sharedReport(kind: 'real'): Promise<RealReport>;
export async function sharedReport(kind: 'web'): Promise<WebReport>;
export async function sharedReport(kind: 'real' | 'web'): Promise<RealReport | WebReport> {
  const base = inject('sharedReports');
  if (!base)
    throw new Error(
      'no shared builds here: run this file in the e2e project (vitest.config.ts), whose globalSetup is tests/shared-reports-setup.ts',
    );
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
