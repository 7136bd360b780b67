/**
 * The floor: bare Chromium printing finished HTML, with the build's own browser binary and flags.
 *   node --import tsx bench/floor.ts <out-dir> <edition.html>...
 * Launch once; per edition: open a page, load the file, wait for fonts, page.pdf(), close the page.
 * Run as a child of bench/run.ts so that its time and memory are measured like a build's.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { findBrowser } from '../scripts/browser/find.js';
import { launchBrowser } from '../scripts/browser/launch.js';

async function printOne(browser: Browser, html: string, outDir: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, timeout: 120_000 });
    const lang = path.basename(path.dirname(html));
    writeFileSync(path.join(outDir, `floor-${lang}.pdf`), pdf);
    return pdf.length;
  } finally {
    await page.close();
  }
}

async function main(args: string[]): Promise<number> {
  const [outDir, ...htmls] = args;
  if (!outDir || htmls.length === 0) {
    console.error('usage: floor.ts <out-dir> <edition.html>...');
    return 2;
  }
  const found = await findBrowser({ env: process.env, cacheDir: fileURLToPath(new URL('../.cache', import.meta.url)) });
  const t0 = performance.now();
  const browser = await launchBrowser({ ...found, asRoot: process.getuid?.() === 0 });
  try {
    for (const html of htmls) console.log(`printed ${html} (${await printOne(browser, html, outDir)} bytes)`);
    console.log(`browser ${await browser.version()}`);
  } finally {
    await browser.close();
  }
  console.log(`floor ${Math.round(performance.now() - t0)} ms`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
