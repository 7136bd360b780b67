/**
 * The bare floor: what bare Chromium needs to print finished HTML, and nothing else.
 *   node bench/bare-floor.js <out-dir> <chromium> <edition.html>...
 * Plain JavaScript (no tsx, none of the pipeline's modules): Node, Puppeteer, one Chromium launch (the same
 * binary and flags as the build's), then every edition at once, each on its own page: load the file, page.pdf()
 * with the options the build prints with. Run as a child of bench/run.ts, so that its time and memory are
 * measured like a build's.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [outDir, executablePath, ...htmls] = process.argv.slice(2);
if (!outDir || !executablePath || htmls.length === 0) {
  console.error('usage: bare-floor.js <out-dir> <chromium> <edition.html>...');
  process.exit(2);
}
const args = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];
if (process.getuid?.() === 0) args.push('--no-sandbox');
const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args, protocolTimeout: 600_000 });
try {
  await Promise.all(
    htmls.map(async (html) => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      const pdf = await page.pdf({
        printBackground: true,
        preferCSSPageSize: true,
        outline: true,
        tagged: true,
        displayHeaderFooter: false,
        timeout: 0,
      });
      writeFileSync(path.join(outDir, `bare-floor-${path.basename(path.dirname(html))}.pdf`), pdf);
      await page.close();
    }),
  );
} finally {
  await browser.close();
}
