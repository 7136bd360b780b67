import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfOutput } from '../../scripts/outputs/pdf/index.js';
import type { EditionJob } from '../../scripts/outputs/format.js';

/** What keeps an edition's PDF: the page it is printed from, its assets, metadata and date — nothing else in the folder. */
const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const put = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
};
const job = (title = 'T', date = new Date(0)) =>
  ({ lang: 'en', out: { dir }, config: { editions: { en: { title } } }, date }) as unknown as EditionJob;

describe("the PDF output's key", () => {
  it("changes with the page, its assets, its metadata and its date, and not with other formats' files or downloads", () => {
    put('en/index.html', '<p>a</p>');
    put('en/assets/report.css', 'p{}');
    const first = pdfOutput.key!(job());
    put('en/report-en.docx', 'word');
    put('en/report-en.txt', 'text');
    put('en/data/x.csv', 'a,b');
    put('en/charts/x.svg', '<svg/>');
    put('zh/index.html', '<p>乙</p>');
    expect(pdfOutput.key!(job()), 'another format, downloads, the other edition').toBe(first);
    expect(pdfOutput.key!(job('U'))).not.toBe(first);
    expect(pdfOutput.key!(job('T', new Date(1000)))).not.toBe(first);
    put('en/assets/report.css', 'p{color:red}');
    const second = pdfOutput.key!(job());
    expect(second).not.toBe(first);
    put('en/index.html', '<p>b</p>');
    expect(pdfOutput.key!(job())).not.toBe(second);
  });
});
