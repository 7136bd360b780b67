import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';

/** The request guard: a page may load only local files inside the folders it is allowed (the build makes no network request). */
export interface Guard {
  /** URLs blocked since the last allow(). */
  blocked: string[];
  /** Change what the page may load (a page reused for another job). */
  allow: (dirs: string[]) => void;
}

/**
 * Block every request that is not a local file inside the allowed folders (or
 * data:), and keep the blocked URLs so callers can report them.
 */
export async function guardPage(page: Page, allowedDirs: string[], timeoutMs: number): Promise<Guard> {
  let allowed = allowedDirs;
  const guard: Guard = {
    blocked: [],
    allow: (dirs) => {
      allowed = dirs;
      guard.blocked = [];
    },
  };
  // Navigation (30 s by default) and waits get the same bound as every protocol call.
  page.setDefaultTimeout(timeoutMs);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') return void req.continue();
    if (url.startsWith('file://')) {
      const p = path.resolve(fileURLToPath(url));
      if (allowed.some((d) => p === d || p.startsWith(d + path.sep))) return void req.continue();
    }
    guard.blocked.push(url);
    void req.abort('blockedbyclient');
  });
  return guard;
}
