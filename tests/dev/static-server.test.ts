import path from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { serve } from '../../scripts/dev/static-server.js';
import { httpGet as get } from '../helpers.js';

describe('the dev server', () => {
  it('redirects a folder asked for without its slash (/zh → /zh/), so that the page’s relative links resolve', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'serve-'));
    mkdirSync(path.join(dir, 'zh', 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'zh', 'index.html'), '<link rel="stylesheet" href="assets/report.css">');
    writeFileSync(path.join(dir, 'zh', 'assets', 'report.css'), 'body{}');
    const server = await serve(dir);
    try {
      expect(await get(`${server.url}zh`)).toMatchObject({ status: 301, location: '/zh/' });
      expect(await get(`${server.url}zh?lang=1`)).toMatchObject({ status: 301, location: '/zh/?lang=1' });
      expect(await get(`${server.url}zh/`)).toMatchObject({
        status: 200,
        body: expect.stringContaining('assets/report.css'),
      });
      // The page's relative link, resolved against the address the browser ends up at:
      expect((await get(new URL('assets/report.css', `${server.url}zh/`).href)).status).toBe(200);
      expect((await get(`${server.url}zh/assets/report.css`)).body).toBe('body{}');
    } finally {
      await server.close();
    }
  });
});
